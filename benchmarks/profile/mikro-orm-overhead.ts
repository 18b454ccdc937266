/**
 * The MikroORM adapter's own CPU cost per flush, measured as **process CPU time** (`process.cpuUsage()`),
 * which a loaded machine disturbs far less than wall time: blocks of flushes alternate between "adapter
 * attached to a disabled cacheme" (event dispatch + translation + buffering, no Redis) and "no adapter",
 * on one ORM, and the median of the per-block differences is reported — also against the median wall
 * time of a flush without the adapter (the target: the adapter's own work ≤ 5 % of a PostgreSQL
 * flush). Same fixture as the `orm-save` workload (src/orm/mikro-orm-orm.ts).
 *
 *   CACHEME_PG_URL=postgres://… pnpm --filter @cacheme/benchmarks exec tsx profile/mikro-orm-overhead.ts [sqlite|postgres]
 */
import { createCacheme } from '@cacheme/core'
import plugin from '../src/orm/mikro-orm-orm.js'

const database = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres'
const BLOCKS = Number(process.env.BLOCKS ?? 30)
const PER_BLOCK = Number(process.env.PER_BLOCK ?? 100)

const fixture = await plugin.open(database, process.env.CACHEME_PG_URL)
const ids = await fixture.seed(PER_BLOCK)
const disabled = createCacheme({ enabled: false })
let counter = 0

/** CPU µs and wall µs per flush of one block. */
async function block(attached: boolean, graph: boolean): Promise<{ cpu: number; wall: number }> {
  const detach = attached ? await fixture.attach(disabled, {}) : undefined
  const before = process.cpuUsage()
  const started = performance.now()
  for (const [i, id] of ids.entries()) {
    if (graph) await fixture.saveTwoInTransaction!(id, ids[(i + 1) % ids.length]!, `t${++counter}`)
    else await fixture.save(id, `t${++counter}`)
  }
  const wall = ((performance.now() - started) * 1000) / ids.length
  const used = process.cpuUsage(before)
  await detach?.()
  return { cpu: (used.user + used.system) / ids.length, wall }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
for (const graph of [false, true]) {
  await block(true, graph) // warm-up
  await block(false, graph)
  const without: { cpu: number; wall: number }[] = []
  const withAdapter: { cpu: number; wall: number }[] = []
  for (let i = 0; i < BLOCKS; i += 1) {
    // Alternate the order so that drift over time hits both alike.
    if (i % 2 === 0) {
      without.push(await block(false, graph))
      withAdapter.push(await block(true, graph))
    } else {
      withAdapter.push(await block(true, graph))
      without.push(await block(false, graph))
    }
  }
  const diffs = without.map((w, i) => withAdapter[i]!.cpu - w.cpu)
  const base = median(without.map((w) => w.cpu))
  const wall = median(without.map((w) => w.wall))
  const extra = median(diffs)
  process.stdout.write(
    `${database} ${graph ? 'flush of 2 entities + 1 link' : 'flush of 1 entity'}: CPU µs/flush without ${base.toFixed(0)}, adapter +${extra.toFixed(1)} µs (${((extra / base) * 100).toFixed(1)} % of the flush's CPU, ${((extra / wall) * 100).toFixed(1)} % of its wall time ${wall.toFixed(0)} µs), ${BLOCKS} blocks × ${PER_BLOCK}\n`,
  )
}
await fixture.close()
