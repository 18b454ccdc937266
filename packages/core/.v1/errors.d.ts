/**
 * Errors. Every error cacheme throws on purpose is a {@link CachemeError} with a stable string `code`.
 *
 * `instanceof` breaks when two copies of `@cacheme/core` end up installed (an adapter resolving its own
 * copy, say), so the class carries a `Symbol.for` marker and {@link CachemeError.is} checks that instead.
 */
/** Stable error codes. Match on these, never on messages. */
export type CachemeErrorCode = 
/** A key or invalid key returned by a callback is malformed (empty, not a string, two `>`, reserved). */
'E_INVALID_KEY'
/** An option passed to `createCacheme`, `cacheme()` or an adapter is wrong. */
 | 'E_INVALID_OPTION'
/** The storage could not be reached or answered with an error (reported through the `error` event). */
 | 'E_STORAGE_UNAVAILABLE'
/** A storage operation took longer than `operationTimeoutMs`. */
 | 'E_STORAGE_TIMEOUT'
/** The storage's server cannot run cacheme (RedisStorage: Redis older than 7.0). Reported once. */
 | 'E_STORAGE_UNSUPPORTED'
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
/** An adapter failed to attach or detach. */
 | 'E_ADAPTER'
/** The default instance's `configure()` was called after it already used its storage. */
 | 'E_CONFIG_LOCKED';
declare const MARKER: unique symbol;
/** The one error class of cacheme. Message format: what failed (offending value quoted) → how to fix it. */
export declare class CachemeError extends Error {
    /** Stable machine-readable code. */
    readonly code: CachemeErrorCode;
    /** Extra structured details (the offending value, the key, ...), safe to log. */
    readonly details: Readonly<Record<string, unknown>>;
    readonly [MARKER] = true;
    constructor(code: CachemeErrorCode, message: string, options?: {
        cause?: unknown;
        details?: Record<string, unknown>;
    });
    /** `true` for any CachemeError, even one created by another installed copy of `@cacheme/core`. */
    static is(value: unknown, code?: CachemeErrorCode): value is CachemeError;
}
/** Renders a value for an error message: strings quoted, everything else JSON-ish and bounded. */
export declare function quote(value: unknown): string;
/** Wraps anything thrown into an Error (callbacks may throw strings). */
export declare function toError(value: unknown): Error;
export {};
//# sourceMappingURL=errors.d.ts.map