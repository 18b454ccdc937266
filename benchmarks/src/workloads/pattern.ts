/**
 * Workload 4 — pattern invalidation over many keys (1 000 000 by default), while another client reads.
 *
 * Populating a million keys through each library would take minutes, so each round does it the fast way,
 * byte for byte: the library caches one entry itself (a template), the harness finds the keys that write
 * created (those containing the template's id: the value, and cacheme's hash) and clones them with
 * `DUMP`/`RESTORE` under the ids `p0 … pN-1` (pipelined, untimed). Then, timed, the library removes them
 * its own way (`clearAll`) while a probe process `GET`s another key every millisecond. Afterwards the
 * harness counts the keys left behind (must be 0) and reads the server's own worst command latency
 * (`LATENCY LATEST`, threshold 1 ms): a client-independent view of how long Redis was blocked.
 */
import type { CacheClient, Contender } from '@cacheme/bench-peers/contract'
import { patternContenders, rawScanContender } from '../contenders/index.js'
import { startChildScript } from '../infra/child-script.js'
import { deleteMatching, keysMatching } from '../infra/keyspace.js'
import { interleave, type ModePlan } from '../measure/interleave.js'
import { summarize } from '../measure/summarize.js'
import { makePayload } from '../payload.js'
import { namespaceFor } from './cache-table.js'
import type { Workload, WorkloadContext } from './workload.js'

const TEMPLATE_ID = 'tmplQ7'

async function populate(context: WorkloadContext, namespace: string, keys: number): Promise<void> {
  const { admin } = context
  const templates = (await keysMatching(admin, `*${namespace}*${TEMPLATE_ID}*`)).filter(
    (key) => !key.includes('#cm:'),
  )
  if (templates.length === 0) throw new Error(`no key containing '${TEMPLATE_ID}' was written`)
  for (const template of templates) {
    const dump = await admin.dumpBuffer(template)
    if (dump === null) throw new Error(`template key ${template} vanished`)
    for (let start = 0; start < keys; start += 1000) {
      const pipeline = admin.pipeline()
      for (let i = start; i < Math.min(keys, start + 1000); i += 1) {
        pipeline.restore(template.replace(TEMPLATE_ID, `p${i}`), 0, dump, 'REPLACE')
      }
      await pipeline.exec()
    }
    await admin.unlink(template)
  }
}

interface Probe {
  stop(): Promise<{ samples: number; maxMs: number; p99Ms: number }>
}

async function startProbe(context: WorkloadContext): Promise<Probe> {
  const { redis, pinning } = context
  const probe = await startChildScript(
    'probe-main.ts',
    [redis.host, String(redis.port)],
    pinning,
    pinning.nodeCpu,
  )
  return {
    async stop() {
      probe.child.stdin!.end('stop\n')
      const lines = await probe.rest
      return JSON.parse(lines[0] ?? '{}') as { samples: number; maxMs: number; p99Ms: number }
    },
  }
}

/** The worst single command the server executed since `LATENCY RESET`, in ms (0 if none exceeded 1 ms). */
async function serverWorstMs(context: WorkloadContext): Promise<number> {
  const latest = (await context.admin.call('LATENCY', 'LATEST')) as [string, number, number, number][]
  return latest.reduce((worst, [, , , max]) => Math.max(worst, Number(max)), 0)
}

export const patternWorkload: Workload = {
  id: 'pattern',
  describe:
    'Deleting every key under a pattern (a namespace) among N keys, while another client reads. Ratio = keys/s ÷ keys/s of a raw `SCAN MATCH … COUNT 1000` + `UNLINK` loop in the same round. The probe columns are the worst and 99th-percentile latency another process saw for its `GET`s meanwhile (target: ≥ 200 000 keys/s with the worst ≤ 10 ms).',
  async run(context) {
    const { settings, admin, log, redis } = context
    const { keys, rounds } = settings.pattern
    log(`Pattern invalidation over ${keys} keys: ${patternContenders.length} modes × ${rounds} rounds`)
    const payload = makePayload(100)
    const opened: { contender: Contender; client: CacheClient; namespace: string }[] = []
    for (const contender of patternContenders) {
      const namespace = namespaceFor(contender)
      const client = await contender.open({
        endpoint: redis,
        namespace,
        ttlSeconds: 3600,
        load: async () => payload,
      })
      opened.push({ contender, client, namespace })
    }
    const probes = new Map<string, { maxMs: number[]; p99Ms: number[]; serverMs: number[]; left: number }>()
    const plans: ModePlan[] = opened.map(({ contender, client, namespace }) => ({
      name: contender.name,
      segment: async () => {
        await client.get(TEMPLATE_ID)
        await populate(context, namespace, keys)
        const stats = probes.get(contender.name) ?? { maxMs: [], p99Ms: [], serverMs: [], left: 0 }
        probes.set(contender.name, stats)
        const probe = await startProbe(context)
        await admin.call('LATENCY', 'RESET')
        const started = performance.now()
        let elapsedMs = Number.NaN
        try {
          await client.clearAll!()
          elapsedMs = performance.now() - started
        } finally {
          const seen = await probe.stop()
          stats.maxMs.push(seen.maxMs)
          stats.p99Ms.push(seen.p99Ms)
          stats.serverMs.push(await serverWorstMs(context))
          // Untimed: what the clear left behind (must be nothing), then a clean slate for the next round.
          const left = (await keysMatching(admin, `*${namespace}*p[0-9]*`)).length
          stats.left = Math.max(stats.left, left)
          await deleteMatching(admin, `*${namespace}*`)
        }
        // A segment is one operation (the whole clear) over `keys` keys.
        return { ops: keys, elapsedMs, latenciesUs: Float64Array.of(elapsedMs * 1000) }
      },
    }))
    const outcomes = await interleave(plans, rounds, log, { warmUp: false })
    for (const { client, namespace } of opened) {
      await client.close().catch(() => {})
      await deleteMatching(admin, `*${namespace}*`)
    }
    const rows = summarize(
      opened.map(({ contender }) => ({ name: contender.name, role: contender.role })),
      outcomes,
      rawScanContender.name,
    ).map((row) => {
      const stats = probes.get(row.mode)
      if (stats === undefined) return row
      const { p50Us, p95Us, p99Us, ...rest } = row
      if (stats.left > 0 && rest.status === 'ok') {
        // A "clear" that left keys behind did not do the work: its rate and ratio would be meaningless.
        return {
          mode: rest.mode,
          role: rest.role,
          status: 'failed' as const,
          reason: `left ${stats.left.toLocaleString('en-US')} of ${keys.toLocaleString('en-US')} keys behind (no error surfaced)`,
        }
      }
      return {
        ...rest,
        extra: {
          'clear s (median)': (p50Us ?? Number.NaN) / 1e6,
          'probe worst ms': Math.max(...stats.maxMs),
          'probe p99 ms': Math.max(...stats.p99Ms),
          'server worst cmd ms': Math.max(...stats.serverMs),
          'keys left': stats.left,
        },
      }
    })
    return [
      {
        workload: 'pattern',
        title: `Pattern invalidation over ${keys.toLocaleString('en-US')} keys, another client reading`,
        baseline: rawScanContender.name,
        unit: 'keys/s',
        rounds,
        opsPerRound: keys,
        rows,
        notes: [
          'Probe: a separate process pinned with the benchmark client, one `GET` about every millisecond; its worst latency includes its own scheduling on a shared CPU. "server worst cmd ms" is Redis’s own worst command time (`LATENCY LATEST`), free of client noise.',
          'bentocache clears its namespace; cache-manager clears its Keyv namespace; @type-cacheable uses `@CacheClear({ isPattern: true })`; cacheme uses `invalidatePattern` (which also logs a global race-guard entry so that misses in flight cannot write old values back).',
          'A mode that leaves keys behind is reported as failed, without a rate. @type-cacheable’s clear passes every matched key to one `UNLINK(...keys)` call, which cannot take a million arguments, and its default clear strategy swallows the error.',
        ],
      },
    ]
  },
}
