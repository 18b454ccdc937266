/**
 * The MikroORM adapter's own CPU cost per flush, measured as **process CPU time** (`process.cpuUsage()`),
 * which a loaded machine disturbs far less than wall time: blocks of flushes "with the adapter" alternate
 * with blocks "without", and the median of the per-block differences is reported — also against the
 * median wall time of a flush without the adapter (the target: the adapter's own work ≤ 5 % of a
 * PostgreSQL flush) and against that flush's own CPU time. Same fixture as the `orm-save` workload
 * (src/orm/mikro-orm-orm.ts).
 *
 *   CACHEME_PG_URL=postgres://… pnpm --filter @cacheme/benchmarks exec tsx profile/mikro-orm-overhead.ts [sqlite|postgres]
 *
 * `METHOD` picks what "without" means:
 * - `attach-detach` (default, the method of the earlier figures): one ORM; the adapter is attached before
 *   each "with" block and detached after it. MikroORM cannot unregister a subscriber, so after the first
 *   block "without" still dispatches every flush event to the adapter's idle subscriber: the figure leaves
 *   that out (it is measured by `two-orms`).
 * - `two-orms`: two ORMs on the same database; one never sees the adapter, the other has it attached for
 *   the whole run — what an app pays, subscriber included, and no wrapper is swapped between blocks.
 * - `a-a`: two ORMs, neither attached: the method's own bias and noise (should be ≈ 0).
 *
 * `TARGET` picks the cacheme instance: `disabled` (default — `enabled: false`: the adapter's work and
 * core's invalidation request, no storage) or `memory` (an enabled instance on MemoryStorage: core's full
 * invalidation path too, with an in-process store instead of the Redis round trip).
 */
import { type Cacheme, createCacheme, MemoryStorage } from '@cacheme/core'
import plugin from '../src/orm/mikro-orm-orm.js'
import type { OrmFixture } from '../src/orm/orm-plugin.js'

const database = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres'
const BLOCKS = Number(process.env.BLOCKS ?? 30)
const PER_BLOCK = Number(process.env.PER_BLOCK ?? 100)
const METHOD = process.env.METHOD ?? 'attach-detach'
const TARGET = process.env.TARGET ?? 'disabled'
if (!['attach-detach', 'two-orms', 'a-a'].includes(METHOD)) throw new Error(`METHOD=${METHOD}?`)
if (!['disabled', 'memory'].includes(TARGET)) throw new Error(`TARGET=${TARGET}?`)

const cm: Cacheme =
  TARGET === 'memory' ? createCacheme({ storage: new MemoryStorage() }) : createCacheme({ enabled: false })
const main = await plugin.open(database, process.env.CACHEME_PG_URL)
const mainIds = await main.seed(PER_BLOCK)
// `two-orms` / `a-a`: "without" runs on an ORM of its own.
const bare = METHOD === 'attach-detach' ? main : await plugin.open(database, process.env.CACHEME_PG_URL)
const bareIds = bare === main ? mainIds : await bare.seed(PER_BLOCK)
if (METHOD === 'two-orms') await main.attach(cm, {})
let counter = 0

/** CPU µs and wall µs per flush of one block. */
async function block(fixture: OrmFixture, ids: number[], attach: boolean, graph: boolean) {
  const detach = attach ? await fixture.attach(cm, {}) : undefined
  const half = ids.length >> 1
  const before = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < ids.length; i += 1) {
    if (graph) {
      // Each link is added, then removed, in the same block: a block must end in the state it began in.
      // (Walking every id once toggled every link once per block, so "with" and "without" blocks
      // alternated between inserting and deleting pivot rows, which cost different CPU — a bias of up to
      // ~100 µs in the differences.)
      const a = i % half
      await fixture.saveTwoInTransaction!(ids[a]!, ids[(a + 1) % half]!, `t${++counter}`)
    } else await fixture.save(ids[i]!, `t${++counter}`)
  }
  const wall = ((performance.now() - started) * 1000) / ids.length
  const used = process.cpuUsage(before)
  await detach?.()
  return { cpu: (used.user + used.system) / ids.length, wall }
}
const withAdapter = (graph: boolean) => block(main, mainIds, METHOD === 'attach-detach', graph)
const withoutAdapter = (graph: boolean) => block(bare, bareIds, false, graph)

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
for (const graph of [false, true]) {
  await withAdapter(graph) // warm-up
  await withoutAdapter(graph)
  const without: { cpu: number; wall: number }[] = []
  const withIt: { cpu: number; wall: number }[] = []
  for (let i = 0; i < BLOCKS; i += 1) {
    // Alternate the order so that drift over time hits both alike.
    if (i % 2 === 0) {
      without.push(await withoutAdapter(graph))
      withIt.push(await withAdapter(graph))
    } else {
      withIt.push(await withAdapter(graph))
      without.push(await withoutAdapter(graph))
    }
  }
  const diffs = without.map((w, i) => withIt[i]!.cpu - w.cpu)
  const base = median(without.map((w) => w.cpu))
  const wall = median(without.map((w) => w.wall))
  const extra = median(diffs)
  process.stdout.write(
    `${database} ${METHOD} ${TARGET} ${graph ? 'flush of 2 entities + 1 link' : 'flush of 1 entity'}: CPU µs/flush without ${base.toFixed(0)}, adapter +${extra.toFixed(1)} µs (${((extra / base) * 100).toFixed(1)} % of the flush's CPU, ${((extra / wall) * 100).toFixed(1)} % of its wall time ${wall.toFixed(0)} µs), ${BLOCKS} blocks × ${PER_BLOCK}\n`,
  )
}
await main.close()
if (bare !== main) await bare.close()
