/**
 * The other process of the coherence workload: a cacheme instance with the in-process tier (or, for the
 * baseline, a raw subscriber) on the benchmark's Redis. It prints `ready` once serving, then follows
 * commands on stdin, one per line:
 *
 * - `arm <version>`: replies `armed`, then calls the cached function in a loop that yields to I/O each
 *   time (so that notices are processed) until it returns `<version>`, and prints `seen <time>` — the
 *   time (ms, `performance.timeOrigin + performance.now()`, comparable across processes on one machine)
 *   of the first read that returned it. The loop runs only between `arm` and `seen`.
 * - `stop`: closes everything and exits.
 *
 *   node coherence-main.ts <host> <port> <prefix> <cacheme|raw>
 */
import { createInterface } from 'node:readline'
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'

const [host = '127.0.0.1', port = '6379', prefix = 'coh:', mode = 'cacheme'] = process.argv.slice(2)
const endpoint = { host, port: Number(port) }
const now = () => performance.timeOrigin + performance.now()
const print = (line: string) => process.stdout.write(`${line}\n`)

const raw = new Redis(endpoint)
let read: () => Promise<number>
let close: () => Promise<void>

if (mode === 'cacheme') {
  const client = new Redis(endpoint)
  const cm = createCacheme({ storage: new RedisStorage(client), prefix, l1: { max: 100, ttl: 3600 } })
  const cached = cm.wrap(async () => Number(await raw.get(`${prefix}db`)), {
    key: () => 'Coherence:1',
    invalidKeys: () => ['Dep:1'],
    tag: 'coherence',
  })
  await cm.ready()
  while (cm.l1?.state !== 'ready') await new Promise((resolve) => setTimeout(resolve, 10))
  read = cached
  close = async () => {
    await cm.close()
    client.disconnect()
  }
} else {
  // The floor: a plain subscriber, told the version by the message itself.
  const subscriber = new Redis(endpoint)
  let latest = 0
  subscriber.on('message', (_channel: string, message: string) => {
    latest = Number(message)
  })
  await subscriber.subscribe(`${prefix}raw`)
  read = async () => latest
  close = async () => {
    subscriber.disconnect()
  }
}

print('ready')
const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  const [command, argument] = line.split(' ')
  if (command === 'stop') break
  if (command !== 'arm') continue
  const version = Number(argument)
  print('armed')
  await new Promise<void>((resolve) => {
    const poll = async (): Promise<void> => {
      if ((await read()) >= version) {
        print(`seen ${now()}`)
        resolve()
      } else setImmediate(poll)
    }
    void poll()
  })
}
await close()
raw.disconnect()
