/**
 * Connecting tests to the real Redis services started by `scripts/services.sh` (see its header and the
 * root README).
 *
 * A missing variable is an error, never a skip: a suite that silently skips is a suite that silently
 * stopped testing. The message says how to get the services.
 */
import { randomUUID } from 'node:crypto'
import { Cluster, Redis, type RedisOptions } from 'ioredis'

const HOW_TO =
  'start the services with `bash scripts/services.sh start` and `eval "$(bash scripts/services.sh env)"`'

/** `CACHEME_REDIS_URL`, e.g. `redis://127.0.0.1:6390`. @throws when unset. */
export function redisUrl(): string {
  const url = process.env.CACHEME_REDIS_URL
  if (url === undefined || url === '') throw new Error(`CACHEME_REDIS_URL is not set → ${HOW_TO}.`)
  return url
}

/** `CACHEME_REDIS_CLUSTER` as startup nodes (`host:port,host:port,...`). @throws when unset or malformed. */
export function clusterNodes(): { host: string; port: number }[] {
  const list = process.env.CACHEME_REDIS_CLUSTER
  if (list === undefined || list === '') throw new Error(`CACHEME_REDIS_CLUSTER is not set → ${HOW_TO}.`)
  return list.split(',').map((item) => {
    const match = /^\s*([^:\s]+):(\d+)\s*$/.exec(item)
    if (match?.[1] === undefined || match[2] === undefined) {
      throw new Error(
        `CACHEME_REDIS_CLUSTER entry ${JSON.stringify(item)} is not host:port → fix the variable.`,
      )
    }
    return { host: match[1], port: Number(match[2]) }
  })
}

/** A client on the single test Redis. The caller quits it. */
export function connectRedis(options: RedisOptions = {}): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: 1, ...options })
}

/** A client on the test Cluster. The caller quits it. */
export function connectCluster(): Cluster {
  return new Cluster(clusterNodes(), { redisOptions: { maxRetriesPerRequest: 1 } })
}

/** A fresh key prefix per test, so tests never see each other's keys (no FLUSHDB anywhere). */
export function randomPrefix(): string {
  return `t${randomUUID()}:`
}

/** Deletes every key under `prefix` with SCAN + UNLINK (on Cluster: on every master). */
export async function deleteByPrefix(client: Redis | Cluster, prefix: string): Promise<void> {
  const match = `${prefix.replace(/[*?[\]\\]/g, (char) => `\\${char}`)}*`
  const nodes = client instanceof Cluster ? client.nodes('master') : [client]
  for (const node of nodes) {
    let cursor = '0'
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000)
      cursor = next
      // One key per UNLINK: on Cluster keys of one node may still span several slots.
      await Promise.all(keys.map((key) => node.unlink(key)))
    } while (cursor !== '0')
  }
}
