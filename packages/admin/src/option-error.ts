/**
 * Configuration errors of the admin. Like core, a wrong option is a `CachemeError` with code
 * `E_INVALID_OPTION` and a message saying what failed (the offending value quoted) → how to fix it, so an
 * application handles every cacheme configuration error one way (`CachemeError.is(error, code)`).
 *
 * Secrets are never quoted: a message about a too-short token or password states its length only, since
 * configuration errors end up in logs.
 */
import { inspect } from 'node:util'
import { CachemeError } from '@cacheme/core'

/** The error for option `name` holding `value` (quoted in the message unless `secret`). */
export function optionError(
  name: string,
  value: unknown,
  fix: string,
  options: { secret?: boolean } = {},
): CachemeError {
  const shown = options.secret === true ? describeSecret(value) : quoteValue(value)
  return new CachemeError('E_INVALID_OPTION', `${name} ${shown} → ${fix}`, {
    details: options.secret === true ? { option: name } : { option: name, value },
  })
}

/** Checks an optional integer option; `undefined` passes. */
export function checkInteger(name: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw optionError(name, value, `pass an integer from ${min} to ${max}.`)
  }
}

function describeSecret(value: unknown): string {
  return typeof value === 'string' ? `(a string of ${value.length} characters)` : `(a ${typeof value})`
}

/** Strings as JSON (like core's messages), anything else as `util.inspect` shows it, on one line. */
function quoteValue(value: unknown): string {
  const text =
    typeof value === 'string'
      ? JSON.stringify(value)
      : inspect(value, { depth: 1, breakLength: Number.POSITIVE_INFINITY, maxStringLength: 120 })
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}
