/**
 * Interleaved rounds: every round runs one segment of every mode, in an order rotated by one each round,
 * so that drift (JIT warm-up, other processes on a shared machine, Redis memory growth) hits every mode
 * alike. Round 0 is a warm-up and is not recorded (workloads whose segments are long and self-similar,
 * like the million-key pattern invalidation, may skip it). A mode whose segment throws is dropped from the next
 * rounds and reported as failed with the error's message.
 */
import type { Segment } from './drive.js'

/** A segment plus the counters a workload attaches to it. */
export interface Measured extends Segment {
  /** Server commands executed during the segment. */
  readonly commands?: number
  /** How often the cached function ran (0 on a pure-hit segment). */
  readonly loads?: number
}

export interface ModePlan {
  readonly name: string
  /** Runs one segment of round `round` (0 = warm-up). */
  segment(round: number): Promise<Measured>
}

export interface ModeOutcome {
  readonly segments: Measured[]
  error?: string
}

export async function interleave(
  plans: readonly ModePlan[],
  rounds: number,
  log: (line: string) => void,
  { warmUp = true }: { warmUp?: boolean } = {},
): Promise<Map<string, ModeOutcome>> {
  const outcomes = new Map<string, ModeOutcome>(plans.map((plan) => [plan.name, { segments: [] }]))
  for (let round = warmUp ? 0 : 1; round <= rounds; round += 1) {
    for (let k = 0; k < plans.length; k += 1) {
      const plan = plans[(round + k) % plans.length]!
      const outcome = outcomes.get(plan.name)!
      if (outcome.error !== undefined) continue
      try {
        const measured = await plan.segment(round)
        if (round > 0) outcome.segments.push(measured)
      } catch (error) {
        outcome.error = error instanceof Error ? error.message : String(error)
        log(`  ${plan.name}: failed: ${outcome.error}`)
      }
    }
    if (round > 0) log(`  round ${round}/${rounds} done`)
  }
  return outcomes
}
