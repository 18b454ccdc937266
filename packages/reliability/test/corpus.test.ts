/**
 * The bad-input corpus (src/corpus): every case, on each of its storages, ends in its documented outcome
 * — a CachemeError code, a miss, or a clean value; never a crash or a hang — and leaves every neighbour
 * (another application's keys, plain keys of every type, names an unescaped glob would match) exactly as
 * it was, on a redis-server of the corpus's own. The table is also the one in docs/bad-input.md.
 */
import { readFileSync } from 'node:fs'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASES } from '../src/corpus/corpus.js'
import { seedNeighbours } from '../src/corpus/neighbours.js'
import { outcomeTable, summaryTable, tableRows } from '../src/corpus/outcome-table.js'
import { CorpusRunner } from '../src/corpus/runner.js'
import { RedisServer } from '../src/infra/redis-server.js'

let server: RedisServer
let redis: Redis
let runner: CorpusRunner

beforeAll(async () => {
  server = await RedisServer.start()
  redis = new Redis(server.url)
  runner = new CorpusRunner(redis, await seedNeighbours(redis))
})
afterAll(async () => {
  redis.disconnect()
  await server.stop()
})

const runs = CASES.flatMap((c) =>
  c.storages.map((storage) => ({ c, storage, title: `${c.group}: ${c.name} (${storage})` })),
)

describe('bad-input corpus', () => {
  it.each(runs)('$title → documented outcome, nothing outside the prefix touched', async ({ c, storage }) => {
    const run = await runner.run(c, storage)
    expect(run.observed).toBe(c.expected)
    expect(run.outside).toEqual([])
  })

  it.each([
    ['docs/bad-input.md', outcomeTable],
    ['packages/core/README.md', summaryTable],
  ] as const)('%s lists exactly these cases and outcomes', (path, render) => {
    const doc = tableRows(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'))
    const table = tableRows(render(CASES))
    const at = doc.indexOf(table[0]!)
    expect(at).toBeGreaterThanOrEqual(0)
    expect(doc.slice(at, at + table.length)).toEqual(table)
  })
})
