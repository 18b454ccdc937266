/**
 * Decode (and encode) cost of one cached payload, by size, with the codecs a hit can use: cacheme's
 * `defaultSerializer()` (JSON + Date paths, `cm2:`), `devalueSerializer()` (the default before it),
 * cacheme's `jsonSerializer()`, plain `JSON.parse`, and `JSON.parse` with a
 * date reviver (what @type-cacheable does to get `Date`s back). CPU only, no Redis: this is the part of a
 * hit that grows with the payload.
 *
 *   pnpm --filter @cacheme/benchmarks profile:decode        # prints a markdown table
 *
 * Method: per codec and size, batches of calls sized to ~20 ms, codecs interleaved batch by batch, median
 * of 15 batches (after 5 unrecorded), reported as µs per call.
 */
import { defaultSerializer, devalueSerializer, jsonSerializer } from '@cacheme/core'
import { makePayload, sizeLabel } from '../src/payload.js'

const SIZES = [100, 1000, 10_000, 100_000]
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,3}Z$/
const reviveDates = (_key: string, value: unknown): unknown =>
  typeof value === 'string' && ISO_DATE.test(value) ? new Date(value) : value

const fast = defaultSerializer()
const devalue = devalueSerializer()
const json = jsonSerializer()

interface Codec {
  readonly name: string
  readonly encode: (value: unknown) => string
  readonly decode: (payload: string) => unknown
  readonly keepsDate: boolean
}

const codecs: Codec[] = [
  {
    name: 'defaultSerializer (cacheme default, cm2)',
    encode: (v) => fast.serialize(v),
    decode: (p) => fast.deserialize(p),
    keepsDate: true,
  },
  {
    name: 'devalueSerializer (cm1, the earlier default)',
    encode: (v) => devalue.serialize(v),
    decode: (p) => devalue.deserialize(p),
    keepsDate: true,
  },
  {
    name: 'jsonSerializer (cacheme option)',
    encode: (v) => json.serialize(v),
    decode: (p) => json.deserialize(p),
    keepsDate: false,
  },
  { name: 'JSON.parse', encode: (v) => JSON.stringify(v), decode: (p) => JSON.parse(p), keepsDate: false },
  {
    name: 'JSON.parse + date reviver',
    encode: (v) => JSON.stringify(v),
    decode: (p) => JSON.parse(p, reviveDates),
    keepsDate: true,
  },
]

function timeBatch(run: () => void, calls: number): number {
  const started = performance.now()
  for (let i = 0; i < calls; i += 1) run()
  return ((performance.now() - started) * 1000) / calls
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

const sink: unknown[] = []
const rows: string[] = []
for (const bytes of SIZES) {
  const value = makePayload(bytes)
  const encoded = codecs.map((codec) => codec.encode(value))
  const decodeSamples = codecs.map(() => [] as number[])
  const encodeSamples = codecs.map(() => [] as number[])
  // Calls per batch: ~20 ms of the slowest codec.
  const probe = timeBatch(() => sink.push(devalue.deserialize(encoded[1]!)), 50)
  const calls = Math.max(20, Math.round(20_000 / probe))
  sink.length = 0
  for (let batch = 0; batch < 20; batch += 1) {
    codecs.forEach((codec, c) => {
      const payload = encoded[c]!
      const d = timeBatch(() => sink.push(codec.decode(payload)), calls)
      const e = timeBatch(() => sink.push(codec.encode(value)), calls)
      sink.length = 0
      if (batch >= 5) {
        decodeSamples[c]!.push(d)
        encodeSamples[c]!.push(e)
      }
    })
  }
  const jsonDecode = medianOf(decodeSamples[codecs.findIndex((codec) => codec.name === 'JSON.parse')]!)
  codecs.forEach((codec, c) => {
    const decoded = codec.decode(encoded[c]!) as { createdAt?: unknown }
    if (decoded.createdAt instanceof Date !== codec.keepsDate)
      throw new Error(`${codec.name}: Date fidelity changed`)
    const decode = medianOf(decodeSamples[c]!)
    rows.push(
      `| ${sizeLabel(bytes)} | ${codec.name} | ${encoded[c]!.length} | ${decode.toFixed(2)} | ${(decode / jsonDecode).toFixed(2)} | ${medianOf(encodeSamples[c]!).toFixed(2)} | ${codec.keepsDate ? 'yes' : 'no'} |`,
    )
  })
}

console.log(`\nDecode/encode cost per payload, Node ${process.version}, median of 15 batches\n`)
console.log(
  '| payload (JSON size) | codec | stored bytes | decode µs | × JSON.parse | encode µs | Date kept |',
)
console.log('|---|---|---:|---:|---:|---:|---:|')
for (const row of rows) console.log(row)
