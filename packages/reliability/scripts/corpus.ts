/**
 * The bad-input corpus: runs every case on its own redis-server (and on MemoryStorage) and prints observed
 * vs documented outcomes, with the confinement check (nothing outside the prefix changed).
 *
 *   pnpm --filter @cacheme/reliability corpus              # the asserted cases
 *   pnpm --filter @cacheme/reliability corpus --defects    # the known defects: what they do today
 *   pnpm --filter @cacheme/reliability corpus --markdown   # the outcomes table of docs/bad-input.md
 *   pnpm --filter @cacheme/reliability corpus --summary    # the grouped table of the core README
 */
import { parseArgs } from 'node:util'
import { Redis } from 'ioredis'
import type { CorpusCase } from '../src/corpus/case.js'
import { CASES, DEFECT_CASES } from '../src/corpus/corpus.js'
import { seedNeighbours } from '../src/corpus/neighbours.js'
import { outcomeTable, summaryTable } from '../src/corpus/outcome-table.js'
import { type CaseRun, CorpusRunner } from '../src/corpus/runner.js'
import { RedisServer } from '../src/infra/redis-server.js'
import { print, printResult, table } from '../src/report/output.js'

const { values } = parseArgs({
  options: {
    defects: { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
    summary: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
})

if (values.markdown) {
  print(outcomeTable(CASES))
} else if (values.summary) {
  print(summaryTable(CASES))
} else {
  const server = await RedisServer.start()
  const redis = new Redis(server.url)
  try {
    const runner = new CorpusRunner(redis, await seedNeighbours(redis))
    const cases: readonly CorpusCase[] = values.defects ? DEFECT_CASES : CASES
    const runs: CaseRun[] = []
    for (const c of cases) for (const storage of c.storages) runs.push(await runner.run(c, storage))
    if (!values.json) {
      print(
        table([
          [
            'group',
            'case',
            'storage',
            values.defects ? 'wanted' : 'documented',
            'observed',
            'outside the prefix',
          ],
          ...runs.map((r) => [
            r.group,
            r.name,
            r.storage,
            r.expected,
            r.observed === r.expected ? '(same)' : r.observed,
            r.outside.join('; ') || 'nothing',
          ]),
        ]),
      )
      const off = runs.filter((r) => r.observed !== r.expected || r.outside.length > 0).length
      print(
        `\n${runs.length} runs, ${off} ${values.defects ? 'still defective' : 'differ from the documented outcome'}`,
      )
    }
    printResult(runs)
  } finally {
    redis.disconnect()
    await server.stop()
  }
}
