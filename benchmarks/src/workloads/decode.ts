/**
 * Decode (and encode) cost per payload size, apart from everything else a hit does: CPU only, no Redis.
 * Codecs: `JSON.parse` (the baseline: what a hand-rolled cache does, losing the Date), cacheme's default
 * serializer (JSON + the paths of the Dates, `cm2:`), the devalue format (`cm1:`, the default before) and
 * `JSON.parse` with a date reviver (how a JSON library gets Dates back).
 *
 * Each round times one batch of calls per codec (codecs interleaved, ~20 ms per batch); rows report the
 * median over rounds, the percentiles are of the per-call time of each batch.
 */
import { defaultSerializer, devalueSerializer } from '@cacheme/core'
import type { Measured, ModePlan } from '../measure/interleave.js'
import { interleave } from '../measure/interleave.js'
import { summarize } from '../measure/summarize.js'
import { makePayload, sizeLabel } from '../payload.js'
import type { ResultTable } from '../report/results.js'
import type { Workload } from './workload.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,3}Z$/
const reviveDates = (_key: string, value: unknown): unknown =>
  typeof value === 'string' && ISO_DATE.test(value) ? new Date(value) : value

interface Codec {
  readonly name: string
  readonly role: 'baseline' | 'cacheme' | 'reference'
  readonly encode: (value: unknown) => string
  readonly decode: (payload: string) => unknown
}

const fast = defaultSerializer()
const devalue = devalueSerializer()
const CODECS: readonly Codec[] = [
  { name: 'JSON.parse (loses the Date)', role: 'baseline', encode: JSON.stringify, decode: JSON.parse },
  {
    name: 'cacheme defaultSerializer (cm2: JSON + Date paths)',
    role: 'cacheme',
    encode: (v) => fast.serialize(v),
    decode: (p) => fast.deserialize(p),
  },
  {
    name: 'devalue (cm1:, the earlier default)',
    role: 'reference',
    encode: (v) => devalue.serialize(v),
    decode: (p) => devalue.deserialize(p),
  },
  {
    name: 'JSON.parse + date reviver',
    role: 'reference',
    encode: JSON.stringify,
    decode: (p) => JSON.parse(p, reviveDates),
  },
]

const sink: unknown[] = []

/** Runs `calls` calls of `run` and returns a segment of per-call µs. */
function batch(run: () => unknown, calls: number): Measured {
  const started = performance.now()
  for (let i = 0; i < calls; i += 1) sink.push(run())
  const elapsedMs = performance.now() - started
  sink.length = 0
  return { ops: calls, elapsedMs, latenciesUs: Float64Array.of((elapsedMs * 1000) / calls) }
}

export const decodeWorkload: Workload = {
  id: 'decode',
  describe:
    'The decode cost of one cached payload, apart from the rest of a hit (CPU only, no Redis), by payload size. Ratio = decodes/s ÷ decodes/s of plain `JSON.parse` of the same data (which returns the Date as a string). `encode µs` is the matching encode (a miss pays it once).',
  async run(context) {
    const { settings, log } = context
    const sizes = settings.quick ? [1000] : [100, 1000, 10_000, 100_000]
    const tables: ResultTable[] = []
    for (const bytes of sizes) {
      const value = makePayload(bytes)
      const encoded = CODECS.map((codec) => codec.encode(value))
      // Calls per batch: ~20 ms of JSON.parse (quick: a handful).
      const probe = batch(() => JSON.parse(encoded[0]!), 50)
      const calls = settings.quick ? 20 : Math.max(20, Math.round(20 / (probe.elapsedMs / 50)))
      const encodeUs = new Map<string, number[]>()
      const plans: ModePlan[] = CODECS.map((codec, c) => ({
        name: codec.name,
        segment: async () => {
          const encodeBatch = batch(() => codec.encode(value), Math.max(1, Math.round(calls / 4)))
          const list = encodeUs.get(codec.name) ?? []
          list.push(encodeBatch.latenciesUs[0]!)
          encodeUs.set(codec.name, list)
          return batch(() => codec.decode(encoded[c]!), calls)
        },
      }))
      const outcomes = await interleave(plans, settings.rounds, log)
      const rows = summarize(
        CODECS.map((codec, c) => {
          const decoded = codec.decode(encoded[c]!) as { createdAt?: unknown }
          return {
            name: codec.name,
            role: codec.role,
            extra: {
              'stored bytes': encoded[c]!.length,
              'Date kept': decoded.createdAt instanceof Date ? 'yes' : 'no',
            },
          }
        }),
        outcomes,
        CODECS[0]!.name,
      ).map((row) => {
        const samples = [...(encodeUs.get(row.mode) ?? [])].sort((a, b) => a - b)
        const encode = samples[Math.floor(samples.length / 2)]
        return { ...row, extra: { ...row.extra, 'encode µs': encode ?? '' } }
      })
      tables.push({
        workload: 'decode',
        title: `Decode cost, ~${sizeLabel(bytes)} payload (CPU only)`,
        baseline: CODECS[0]!.name,
        unit: 'decodes/s',
        rounds: settings.rounds,
        opsPerRound: calls,
        rows,
        notes: ['p50/p95/p99 are µs per decode (of each batch); a hit decodes once.'],
      })
    }
    return tables
  },
}
