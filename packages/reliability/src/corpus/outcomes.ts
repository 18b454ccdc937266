/** Builds the corpus's outcome labels (see the table in `case.ts`). */
import { isDeepStrictEqual } from 'node:util'
import { CachemeError, type CachemeOptions } from '@cacheme/core'
import type { CaseContext } from './case.js'

/** The label of a rejection: `throws E_…` for a CachemeError, `crash: …` for anything else. */
export function rejection(error: unknown): string {
  if (CachemeError.is(error)) return `throws ${error.code}`
  return `crash: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.slice(0, 160)
}

/** Runs `action`; `throws E_…` / `crash: …` if it rejects, else `resolved`. */
export async function outcomeOf(action: () => unknown): Promise<string> {
  try {
    await action()
    return 'resolved'
  } catch (error) {
    return rejection(error)
  }
}

/** ` error E_A, E_B` for the distinct error codes collected, or `` when there were none. */
export function errorSuffix(ctx: CaseContext, from = 0): string {
  const codes = [...new Set(ctx.errors.slice(from))]
  return codes.length === 0 ? '' : `, error ${codes.join(', ')}`
}

export interface TwiceOptions<R> {
  /** How the value served from the cache must compare to what the function returned. Default deep equality. */
  readonly cachedAs?: (fresh: R) => unknown
  /** Comparison of the served value with the expected one. Default: deep equality. */
  readonly equals?: (served: unknown, expected: unknown) => boolean
}

/**
 * Caches `compute` with `options` and calls it twice: `cached` when the second call was a hit,
 * `returned, not cached` when the function ran twice; the error codes emitted are appended, and
 * `, WRONG VALUE` when a call returned something other than what its run of the function returned (or,
 * for a hit, than `cachedAs` of the first run's value).
 */
export async function callTwice<R>(
  ctx: CaseContext,
  options: Omit<CachemeOptions<[], R>, 'tag'> & { tag?: string },
  compute: () => R | Promise<R>,
  twice: TwiceOptions<R> = {},
): Promise<string> {
  const cm = ctx.make()
  const results: R[] = []
  const fn = cm.cacheme<[], R>({ tag: 'corpus', ...options })(async () => {
    const result = await compute()
    results.push(result)
    return result
  })
  const from = ctx.errors.length
  try {
    const first = await fn()
    const second = await fn()
    const compare = twice.equals ?? same
    const wrong =
      results.length === 1
        ? first !== results[0] || !compare(second, twice.cachedAs ? twice.cachedAs(results[0]!) : results[0])
        : first !== results[0] || second !== results[1]
    const label = results.length === 1 ? 'cached' : 'returned, not cached'
    return `${label}${errorSuffix(ctx, from)}${wrong ? ', WRONG VALUE' : ''}`
  } catch (error) {
    return rejection(error)
  }
}

/** Deep equality. */
export function same(a: unknown, b: unknown): boolean {
  return a === b || isDeepStrictEqual(a, b)
}
