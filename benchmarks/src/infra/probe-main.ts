/**
 * The "other client" of the pattern-invalidation workload, in its own process so that the benchmark's
 * event loop cannot delay it: `GET`s one key about every millisecond and, when its stdin closes (or it
 * reads `stop`), prints `{ samples, maxMs, p99Ms }` as one JSON line and exits.
 *
 *   node probe-main.ts <host> <port>
 */
import { Redis } from 'ioredis'

const [host = '127.0.0.1', port = '6379'] = process.argv.slice(2)
const redis = new Redis({ host, port: Number(port) })
const latencies: number[] = []
let running = true

const stop = (): void => {
  running = false
}
process.stdin.on('data', (chunk) => {
  if (String(chunk).includes('stop')) stop()
})
process.stdin.on('end', stop)

await redis.get('probe')
process.stdout.write('ready\n')
while (running) {
  const started = performance.now()
  await redis.get('probe')
  latencies.push(performance.now() - started)
  await new Promise((resolve) => setTimeout(resolve, 1))
}
latencies.sort((a, b) => a - b)
const p99 = latencies[Math.max(0, Math.ceil(latencies.length * 0.99) - 1)] ?? Number.NaN
process.stdout.write(
  `${JSON.stringify({ samples: latencies.length, maxMs: latencies.at(-1) ?? Number.NaN, p99Ms: p99 })}\n`,
)
redis.disconnect()
