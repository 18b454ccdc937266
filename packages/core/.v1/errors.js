/**
 * Errors. Every error cacheme throws on purpose is a {@link CachemeError} with a stable string `code`.
 *
 * `instanceof` breaks when two copies of `@cacheme/core` end up installed (an adapter resolving its own
 * copy, say), so the class carries a `Symbol.for` marker and {@link CachemeError.is} checks that instead.
 */
const MARKER = Symbol.for('cacheme.error');
/** The one error class of cacheme. Message format: what failed (offending value quoted) → how to fix it. */
export class CachemeError extends Error {
    /** Stable machine-readable code. */
    code;
    /** Extra structured details (the offending value, the key, ...), safe to log. */
    details;
    [MARKER] = true;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'CachemeError';
        this.code = code;
        this.details = options.details ?? {};
    }
    /** `true` for any CachemeError, even one created by another installed copy of `@cacheme/core`. */
    static is(value, code) {
        if (typeof value !== 'object' || value === null)
            return false;
        if (value[MARKER] !== true)
            return false;
        return code === undefined || value.code === code;
    }
}
/** Renders a value for an error message: strings quoted, everything else JSON-ish and bounded. */
export function quote(value) {
    let text;
    if (typeof value === 'string')
        text = JSON.stringify(value);
    else if (typeof value === 'bigint')
        text = `${value}n`;
    else if (typeof value === 'function')
        text = `[function ${value.name || 'anonymous'}]`;
    else if (value === undefined)
        text = 'undefined';
    else {
        try {
            text = JSON.stringify(value) ?? String(value);
        }
        catch {
            text = Object.prototype.toString.call(value);
        }
    }
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
/** Wraps anything thrown into an Error (callbacks may throw strings). */
export function toError(value) {
    return value instanceof Error ? value : new Error(typeof value === 'string' ? value : quote(value));
}
//# sourceMappingURL=errors.js.map