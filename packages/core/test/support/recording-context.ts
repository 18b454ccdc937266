/**
 * An `AdapterContext` that records what an adapter helper delivers, for unit tests of the helpers
 * themselves (no storage involved: what reaches Redis is tested through real cacheme instances in
 * test/behaviour). Deliveries can be held open with `hold()` to observe what waits for them.
 */
import type { AdapterContext, InvalidationCause } from '../../src/adapter/index.js'

export interface Delivery {
  readonly keys: readonly string[]
  readonly model?: string
  readonly cause: InvalidationCause
}

export interface RecordingContext {
  readonly context: AdapterContext
  /** Completed deliveries, in order. */
  readonly delivered: Delivery[]
  /** Every key delivered so far (model names for model-wide invalidations). */
  readonly keys: () => string[]
  /** Promises handed to `context.background`. */
  readonly background: Promise<void>[]
  /** Warnings logged, as [payload, message]. */
  readonly warnings: [Record<string, unknown>, string][]
  /** Names decorators declared (mutable, as core's live sets are). */
  readonly declared: { models: Set<string>; m2mModels: Set<string> }
  /** Holds every delivery that starts from now on until the returned function is called. */
  hold(): () => void
}

export function recordingContext(): RecordingContext {
  const delivered: Delivery[] = []
  const background: Promise<void>[] = []
  const warnings: [Record<string, unknown>, string][] = []
  const declared = { models: new Set<string>(), m2mModels: new Set<string>() }
  let gate: Promise<void> = Promise.resolve()
  const noop = (): void => {}
  const context: AdapterContext = {
    logger: {
      debug: noop,
      info: noop,
      error: noop,
      warn: (payload: unknown, message?: string) => {
        warnings.push([payload as Record<string, unknown>, String(message)])
      },
    },
    invalidate: async (keys, cause) => {
      await gate
      delivered.push({ keys: [...keys], cause })
    },
    invalidateModel: async (model, cause) => {
      await gate
      delivered.push({ keys: [], model, cause })
    },
    background: (delivery) => {
      background.push(delivery)
    },
    declaredModels: () => declared,
  }
  return {
    context,
    delivered,
    keys: () => delivered.flatMap((d) => (d.model ? [d.model] : d.keys)),
    background,
    warnings,
    declared,
    hold() {
      let release!: () => void
      gate = new Promise<void>((resolve) => {
        release = resolve
      })
      return () => {
        release()
        gate = Promise.resolve()
      }
    },
  }
}

/** Whether `promise` has settled, after letting pending microtasks and timers run. */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false
  void promise.then(
    () => {
      settled = true
    },
    () => {
      settled = true
    },
  )
  await new Promise((resolve) => setImmediate(resolve))
  return settled
}
