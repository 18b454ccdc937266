/**
 * `pnpm bench`: every workload against cacheme, raw ioredis and the peer libraries, on one redis-server
 * that this process starts (and stops) itself, with this process and redis-server pinned to separate
 * CPUs. Prints markdown tables to stdout, progress to stderr, and writes `RESULTS.md`,
 * `results/latest.json` and the chart under `BENCH_OUT` (default: this folder). Settings: `settings.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { peerVersions } from '@cacheme/bench-peers/versions'
import { Redis } from 'ioredis'
import { pinCpus } from './infra/cpu-pinning.js'
import { describeMachine, machineLoad, ownVersions } from './infra/machine.js'
import { startRedisServer } from './infra/redis-server.js'
import { renderTable } from './report/markdown.js'
import type { Results, ResultTable } from './report/results.js'
import { renderResultsFile } from './report/results-file.js'
import { readSettings, WORKLOAD_IDS } from './settings.js'
import { workloads } from './workloads/index.js'

const log = (line: string): void => {
  process.stderr.write(`${line}\n`)
}

async function main(): Promise<void> {
  const settings = readSettings()
  const startedAt = new Date()
  const loadBefore = machineLoad()
  const pinning = pinCpus()
  const machine = describeMachine()
  log(`cacheme benchmarks: CPU pinning ${pinning.summary}; load average ${loadBefore.loadavg1}`)
  const redis = await startRedisServer(pinning)
  const admin = new Redis({ host: redis.host, port: redis.port })
  const tables: ResultTable[] = []
  try {
    for (const id of settings.only) {
      const workload = workloads[id]
      if (workload === undefined) throw new Error(`workload '${id}' is not implemented`)
      const start = machineLoad().loadavg1
      log(`\n== ${id} (load average ${start})`)
      const ran = await workload.run({ settings, redis, admin, pinning, log })
      const load = { start, end: machineLoad().loadavg1 }
      const produced = ran.map((table) => ({ ...table, load }))
      for (const table of produced) process.stdout.write(`\n${renderTable(table)}\n`)
      tables.push(...produced)
    }
  } finally {
    admin.disconnect()
    await redis.stop()
  }
  const results: Results = {
    command: [
      settings.quick ? 'BENCH_QUICK=1' : '',
      process.env.BENCH_ROUNDS ? `BENCH_ROUNDS=${process.env.BENCH_ROUNDS}` : '',
      process.env.BENCH_ONLY ? `BENCH_ONLY=${process.env.BENCH_ONLY}` : '',
      'pnpm bench',
    ]
      .filter(Boolean)
      .join(' '),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    quick: settings.quick,
    machine: { ...machine, redis: redis.version },
    load: { before: loadBefore, after: machineLoad() },
    pinning: pinning.summary,
    versions: {
      ...ownVersions(['@cacheme/core', '@cacheme/typeorm', 'ioredis', 'typeorm']),
      ...peerVersions(),
    },
    tables,
  }
  mkdirSync(join(settings.outDir, 'results'), { recursive: true })
  if (settings.only.length < WORKLOAD_IDS.length) {
    // A partial run must not replace the full report with a few tables.
    const file = join(settings.outDir, 'results', `${settings.only.join('+')}.json`)
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
    log(`\nwrote ${file} (a partial run leaves RESULTS.md alone)`)
    return
  }
  writeFileSync(join(settings.outDir, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
  let chart: string | undefined
  if (settings.chart) {
    const { renderChart } = await import('./chart/render.js')
    chart = await renderChart(results, join(settings.outDir, 'results'))
  }
  writeFileSync(join(settings.outDir, 'RESULTS.md'), renderResultsFile(results, chart))
  log(`\nwrote ${join(settings.outDir, 'RESULTS.md')}`)
}

await main()
