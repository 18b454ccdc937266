/**
 * Runs `total` operations with `concurrency` of them in flight at once (each worker starts its next
 * operation when its previous one settles), and records the latency of each. Operations get indexes
 * `0 … total-1` in start order, so a workload can map an index to a key.
 */

/** One measured stretch of one mode. */
export interface Segment {
  readonly ops: number
  readonly elapsedMs: number
  /** Latency of each operation, µs. */
  readonly latenciesUs: Float64Array
}

export async function drive(
  op: (index: number) => Promise<unknown>,
  total: number,
  concurrency: number,
): Promise<Segment> {
  const latencies = new Float64Array(total)
  let next = 0
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++
      if (index >= total) return
      const started = performance.now()
      await op(index)
      latencies[index] = (performance.now() - started) * 1000
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker))
  return { ops: total, elapsedMs: performance.now() - started, latenciesUs: latencies }
}
