/**
 * What one cached entry costs in Redis, index included, next to a bare `SET` of the same payload.
 *
 * Each layout is written to a fresh redis-server of its own, N entries at once; the cost per entry is the
 * growth of `used_memory` divided by N (so the expiry dict, the sets' members and their per-key overhead
 * are all counted), plus `MEMORY USAGE` of one value key for reference:
 *
 * - `bare SET`: `SET E:<i> <payload>` with the same TTL — what a cache without indexes costs;
 * - `cacheme, shared sets`: the soak's layout, 3 invalid keys (`SoakA` 1000 distinct, `SoakB` 100,
 *   `SoakAll` 1) + a tag — the sets are shared, so most of the index cost is one member per set;
 * - `cacheme, own sets`: 3 invalid keys unique to the entry (worst case: three sets per entry).
 */
import { createCacheme, devalueSerializer, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { RedisServer } from '../infra/redis-server.js'

export interface EntrySizeRow {
  readonly layout: string
  readonly bytesPerEntry: number
  readonly note: string
}

const payloadOf = (i: number) => `value of entry ${i}: ${'x'.repeat(48)}`
const TTL_S = 3600

async function onFreshServer(
  write: (client: Redis) => Promise<void>,
): Promise<
  { perEntry: number; sample: (key: string) => Promise<number> } & { client: Redis; server: RedisServer }
> {
  const server = await RedisServer.start()
  const client = new Redis(server.url)
  const used = async () => Number((await server.info('memory')).get('used_memory'))
  const before = await used()
  await write(client)
  const after = await used()
  return {
    perEntry: after - before,
    client,
    server,
    sample: async (key) => Number(await client.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')),
  }
}

export async function measureEntrySize(n: number): Promise<{ n: number; rows: EntrySizeRow[] }> {
  const serializer = devalueSerializer()
  const rows: EntrySizeRow[] = []
  const bare = await onFreshServer(async (client) => {
    for (let i = 0; i < n; i += 500) {
      const pipeline = client.pipeline()
      for (let j = i; j < Math.min(n, i + 500); j += 1)
        pipeline.set(`E:${j}`, serializer.serialize(payloadOf(j)), 'EX', TTL_S)
      await pipeline.exec()
    }
  })
  rows.push({
    layout: 'bare SET (same payload, same TTL)',
    bytesPerEntry: Math.round(bare.perEntry / n),
    note: `MEMORY USAGE of one key: ${await bare.sample('E:1')} B`,
  })
  await stop(bare)
  for (const own of [false, true]) {
    const run = await onFreshServer(async (client) => {
      const cm = createCacheme({ storage: new RedisStorage(client), prefix: 'soak:' })
      const fn = cm.cacheme<[number], string>({
        key: (c) => `Soak:${c.args[0]}`,
        invalidKeys: (c) =>
          own
            ? [`OwnA:${c.args[0]}`, `OwnB:${c.args[0]}`, `OwnC:${c.args[0]}`]
            : [`SoakA:${c.args[0] % 1000}`, `SoakB:${c.args[0] % 100}`, 'SoakAll'],
        tag: 'soak',
        timeout: TTL_S,
      })(async (i) => payloadOf(i))
      for (let i = 0; i < n; i += 200)
        await Promise.all(Array.from({ length: Math.min(200, n - i) }, (_, j) => fn(i + j)))
      await cm.close()
    })
    const hash = await run.sample('soak:Soak:1')
    const tag = await run.sample('soak:#cm:tag:soak')
    rows.push({
      layout: own ? 'cacheme, 3 own invalid sets + tag' : 'cacheme, 3 shared invalid sets + tag',
      bytesPerEntry: Math.round(run.perEntry / n),
      note: `MEMORY USAGE of the value hash: ${hash} B; the tag set: ${Math.round(tag / n)} B per member`,
    })
    await stop(run)
  }
  return { n, rows }
}

async function stop(run: { client: Redis; server: RedisServer }): Promise<void> {
  run.client.disconnect()
  await run.server.stop()
}
