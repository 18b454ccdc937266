/**
 * The memory soak (src/soak/soak.ts) and the per-entry memory cost (src/soak/entry-size.ts).
 *
 *   pnpm --filter @cacheme/reliability soak                        # redis, cluster, memory: 3 min each
 *   pnpm --filter @cacheme/reliability soak --target redis --minutes 1 --persistent
 *   pnpm --filter @cacheme/reliability soak --entry-size           # MEMORY USAGE per entry vs bare SET
 *
 * Options: --target redis|cluster|memory|all, --minutes N, --ttl-ms N (default 20000), --rate N writes/s
 * (default 20000, an upper bound: live entries ≈ achieved rate × TTL, and the achieved rate — printed — is
 * what the machine manages, about 6000/s on a single Redis here), --persistent (one entry without timeout
 * shares SoakAll and the tag), --max-entries N (MemoryStorage), --entry-size, --json.
 */
import { parseArgs } from 'node:util'
import { print, printResult, table } from '../src/report/output.js'
import { measureEntrySize } from '../src/soak/entry-size.js'
import { runSoak, type SoakResult } from '../src/soak/soak.js'
import type { SoakTargetName } from '../src/soak/soak-target.js'

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'all' },
    minutes: { type: 'string', default: '3' },
    'ttl-ms': { type: 'string', default: '20000' },
    rate: { type: 'string', default: '20000' },
    persistent: { type: 'boolean', default: false },
    'max-entries': { type: 'string', default: '100000' },
    'entry-size': { type: 'boolean', default: false },
    'sets-a': { type: 'string', default: '1000' },
    'sets-b': { type: 'string', default: '100' },
    'sample-ms': { type: 'string', default: '5000' },
    json: { type: 'boolean', default: false },
  },
})

if (values['entry-size']) {
  const sizes = await measureEntrySize(20_000)
  if (!values.json) {
    print(
      table([
        ['layout', 'bytes per entry', 'note'],
        ...sizes.rows.map((r) => [r.layout, r.bytesPerEntry, r.note]),
      ]),
    )
  }
  printResult(sizes)
} else {
  const targets: SoakTargetName[] =
    values.target === 'all' ? ['redis', 'cluster', 'memory'] : (values.target.split(',') as SoakTargetName[])
  const results: SoakResult[] = []
  for (const target of targets) {
    const result = await runSoak({
      target,
      durationMs: Number(values.minutes) * 60_000,
      ttlMs: Number(values['ttl-ms']),
      ratePerSec: Number(values.rate),
      concurrency: 64,
      sampleEveryMs: Number(values['sample-ms']),
      setsA: Number(values['sets-a']),
      setsB: Number(values['sets-b']),
      invalidationsPerSec: 20,
      persistentMember: values.persistent,
      maxEntries: Number(values['max-entries']),
    })
    results.push(result)
    if (!values.json) report(result)
  }
  printResult(results)
}

function report(r: SoakResult): void {
  const mb = (bytes: number) => (bytes / 1048576).toFixed(1)
  print(
    `\n## soak on ${r.options.target}${r.options.persistentMember ? ' (one entry without timeout shares SoakAll and the tag)' : ''}: ${r.writes} writes (${Math.round(r.writes / (r.options.durationMs / 1000))}/s), ttl ${r.options.ttlMs} ms, peak ${r.peakKeys} keys`,
  )
  print(
    table([
      [
        't s',
        'writes',
        'MB',
        'keys',
        r.options.target === 'memory' ? 'set members (all)' : 'SoakAll / tag members',
        'values',
      ],
      ...[...r.samples, r.settled].map((s) => [
        (s.t / 1000).toFixed(0),
        s.writes,
        mb(s.bytes),
        s.keys,
        s.setMembers.join(' / '),
        s.values ?? '',
      ]),
    ]),
  )
  print(
    `growth last third / middle third: memory ×${r.growth.bytes}, keys ×${r.growth.keys}, set members ×${r.growth.setMembers}; left after settling: ${JSON.stringify(r.leftover)}`,
  )
}
