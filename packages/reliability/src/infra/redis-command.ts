/**
 * One-shot administrative commands to a redis-server the harness started (CONFIG, SAVE, INFO, CLUSTER …),
 * each on a fresh connection that is closed right after. Fresh, because the harness kills and restarts
 * these servers: a long-lived admin client would itself be subject to the faults it injects.
 */
import { Redis } from 'ioredis'

/** Sends one command to 127.0.0.1:`port` and returns the raw reply. Rejects within `timeoutMs`. */
export async function redisCommand(port: number, args: readonly (string | number)[], timeoutMs = 5000) {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: true,
  })
  client.on('error', () => {}) // reported through the rejected command instead
  try {
    const [name, ...rest] = args
    return await client.call(String(name), ...rest.map(String))
  } finally {
    client.disconnect()
  }
}

/** `INFO <section>` as a map of `field → value`. */
export async function redisInfo(port: number, section: string): Promise<Map<string, string>> {
  const text = String(await redisCommand(port, ['INFO', section]))
  const fields = new Map<string, string>()
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0 && !line.startsWith('#')) fields.set(line.slice(0, colon), line.slice(colon + 1))
  }
  return fields
}

/** True when the server answers PING within `timeoutMs`. */
export async function answersPing(port: number, timeoutMs = 1000): Promise<boolean> {
  try {
    return (await redisCommand(port, ['PING'], timeoutMs)) === 'PONG'
  } catch {
    return false
  }
}
