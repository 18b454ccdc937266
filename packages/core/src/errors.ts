/**
 * Errors. Every error cacheme throws on purpose is a {@link CachemeError} with a stable string `code`.
 *
 * `instanceof` breaks when two copies of `@cacheme/core` end up installed (an adapter resolving its own
 * copy, say), so the class carries a `Symbol.for` marker and {@link CachemeError.is} checks that instead.
 */

/** Stable error codes. Match on these, never on messages. */
export type CachemeErrorCode =
  /** A key or invalid key returned by a callback is malformed (empty, not a string, two `>`, reserved, `[object …]`). */
  | 'E_INVALID_KEY'
  /** An option passed to `createCacheme`, `cacheme()` or an adapter is wrong. */
  | 'E_INVALID_OPTION'
  /** The storage could not be reached or answered with an error (reported through the `error` event). */
  | 'E_STORAGE_UNAVAILABLE'
  /** A storage operation took longer than `operationTimeoutMs`. */
  | 'E_STORAGE_TIMEOUT'
  /** The storage's server cannot run cacheme (RedisStorage: Redis older than 7.0). Reported once. */
  | 'E_STORAGE_UNSUPPORTED'
  /**
   * The storage answered, but a key cacheme uses holds data of the wrong kind (a Redis `WRONGTYPE`
   * reply, a non-integer sequence). Contained to that key: a miss, a skipped write or a dead-lettered
   * invalidation — never counted by the circuit breaker (the server is reachable).
   */
  | 'E_STORAGE_DATA'
  /** A value could not be serialized (it is returned to the caller but not cached). */
  | 'E_SERIALIZATION'
  /** A stored payload could not be decoded (treated as a miss and overwritten). */
  | 'E_DESERIALIZATION'
  /** A user callback (`hit`, `miss`, `invalidKeys`, `skip`) threw. */
  | 'E_CALLBACK'
  /** A `tag` name is unknown. */
  | 'E_UNKNOWN_TAG'
  /** An invalidation pattern is not allowed (empty, or would reach outside the prefix). */
  | 'E_INVALID_PATTERN'
  /** An adapter failed to attach or detach, or was attached to one instance twice. */
  | 'E_ADAPTER'
  /** The default instance's `configure()` was called after it already used its storage. */
  | 'E_CONFIG_LOCKED'

const MARKER = Symbol.for('cacheme.error')

/** The one error class of cacheme. Message format: what failed (offending value quoted) → how to fix it. */
export class CachemeError extends Error {
  /** Stable machine-readable code. */
  readonly code: CachemeErrorCode
  /** Extra structured details (the offending value, the key, ...), safe to log. */
  readonly details: Readonly<Record<string, unknown>>
  readonly [MARKER] = true

  constructor(
    code: CachemeErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'CachemeError'
    this.code = code
    this.details = options.details ?? {}
  }

  /** `true` for any CachemeError, even one created by another installed copy of `@cacheme/core`. */
  static is(value: unknown, code?: CachemeErrorCode): value is CachemeError {
    if (typeof value !== 'object' || value === null) return false
    if ((value as Record<symbol, unknown>)[MARKER] !== true) return false
    return code === undefined || (value as CachemeError).code === code
  }
}

/** Renders a value for an error message: strings quoted, everything else JSON-ish and bounded. */
export function quote(value: unknown): string {
  let text: string
  if (typeof value === 'string') text = JSON.stringify(value)
  else if (typeof value === 'bigint') text = `${value}n`
  else if (typeof value === 'function') text = `[function ${value.name || 'anonymous'}]`
  else if (value === undefined) text = 'undefined'
  else {
    try {
      text = JSON.stringify(value) ?? String(value)
    } catch {
      text = Object.prototype.toString.call(value)
    }
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

/** Wraps anything thrown into an Error (callbacks may throw strings). */
export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(typeof value === 'string' ? value : quote(value))
}
