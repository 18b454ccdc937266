/** Order statistics. */

/** The `p`-th percentile (nearest rank) of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!
}

/** Median of unsorted values. */
export function median(values: readonly number[]): number {
  return percentile(Float64Array.from(values).sort(), 50)
}

/** Concatenates sample arrays and sorts them ascending. */
export function pooledSorted(parts: readonly Float64Array[]): Float64Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0)
  const out = new Float64Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out.sort()
}
