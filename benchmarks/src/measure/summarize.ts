/** Turns interleaved segments into report rows: medians, paired ratios, pooled percentiles. */
import type { ResultRow } from '../report/results.js'
import type { ModeOutcome } from './interleave.js'
import { median, percentile, pooledSorted } from './stats.js'

export interface ModeInfo {
  readonly name: string
  readonly role: ResultRow['role']
  readonly extra?: Record<string, string | number>
}

const opsPerSec = (segment: { ops: number; elapsedMs: number }): number =>
  segment.ops / (segment.elapsedMs / 1000)

/**
 * Rows for `modes`, ratios against `baseline` round by round (a ratio is taken only between segments of
 * the same round, which is what makes them meaningful on a noisy machine).
 */
export function summarize(
  modes: readonly ModeInfo[],
  outcomes: ReadonlyMap<string, ModeOutcome>,
  baseline: string,
): ResultRow[] {
  const base = outcomes.get(baseline)
  return modes.map((mode): ResultRow => {
    const outcome = outcomes.get(mode.name)
    if (outcome === undefined || outcome.segments.length === 0) {
      return {
        mode: mode.name,
        role: mode.role,
        status: 'failed',
        reason: outcome?.error ?? 'no segment completed',
        ...(mode.extra ? { extra: mode.extra } : {}),
      }
    }
    const { segments } = outcome
    const ratios: number[] = []
    if (base !== undefined) {
      const n = Math.min(segments.length, base.segments.length)
      for (let i = 0; i < n; i += 1) ratios.push(opsPerSec(segments[i]!) / opsPerSec(base.segments[i]!))
    }
    const latencies = pooledSorted(segments.map((segment) => segment.latenciesUs))
    const ops = segments.reduce((sum, segment) => sum + segment.ops, 0)
    const commands = segments.every((segment) => segment.commands !== undefined)
      ? segments.reduce((sum, segment) => sum + segment.commands!, 0) / ops
      : undefined
    const loads = segments.reduce((sum, segment) => sum + (segment.loads ?? 0), 0)
    const extra: Record<string, string | number> = { ...mode.extra }
    if (segments.some((segment) => segment.loads !== undefined)) extra['loads/op'] = loads / ops
    return {
      mode: mode.name,
      role: mode.role,
      status: outcome.error === undefined ? 'ok' : 'failed',
      ...(outcome.error === undefined
        ? {}
        : { reason: `failed after ${segments.length} rounds: ${outcome.error}` }),
      opsPerSec: median(segments.map(opsPerSec)),
      ...(ratios.length > 0
        ? { ratio: median(ratios), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios) }
        : {}),
      p50Us: percentile(latencies, 50),
      p95Us: percentile(latencies, 95),
      p99Us: percentile(latencies, 99),
      ...(commands === undefined ? {} : { commandsPerOp: commands }),
      extra,
    }
  })
}

/**
 * Median over rounds of (`mode`'s ops/s ÷ `other`'s ops/s in the same round): a paired ratio between two
 * modes that are not the baseline (e.g. cacheme ÷ the hand-rolled cache). `undefined` when either has no
 * segment.
 */
export function pairedRatio(
  outcomes: ReadonlyMap<string, ModeOutcome>,
  mode: string,
  other: string,
): number | undefined {
  const a = outcomes.get(mode)?.segments ?? []
  const b = outcomes.get(other)?.segments ?? []
  const n = Math.min(a.length, b.length)
  if (n === 0) return undefined
  const ratios: number[] = []
  for (let i = 0; i < n; i += 1) ratios.push(opsPerSec(a[i]!) / opsPerSec(b[i]!))
  return median(ratios)
}
