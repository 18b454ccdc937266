/**
 * Fail-open wrapper around a storage driver: per-operation timeout and a circuit breaker.
 *
 * Why: a cache must never make the application slower or less available than it is without one. When
 * Redis is down, slow or erroring, every operation fails fast (timeout), the breaker opens after
 * `threshold` consecutive failures so that we stop paying the timeout on every call, and callers fall back
 * to computing the value. After `cooldownMs` one operation is let through again (half-open); its success
 * closes the breaker.
 *
 * Limits: a timed-out operation may still complete on the server later. For writes that is safe (the race
 * guard and set memberships are written together); for invalidations the caller retries, which is
 * idempotent.
 */
import { CachemeError } from '../errors.js';
export class CircuitBreaker {
    #failures = 0;
    #openUntil = 0;
    #threshold;
    #cooldownMs;
    constructor(threshold, cooldownMs) {
        this.#threshold = threshold;
        this.#cooldownMs = cooldownMs;
    }
    /** False while open: skip the storage. */
    get allows() {
        return Date.now() >= this.#openUntil;
    }
    get open() {
        return !this.allows;
    }
    success() {
        this.#failures = 0;
        this.#openUntil = 0;
    }
    failure() {
        this.#failures += 1;
        if (this.#failures >= this.#threshold)
            this.#openUntil = Date.now() + this.#cooldownMs;
    }
}
/** Runs `operation` with a timeout; rejects with `E_STORAGE_TIMEOUT` / `E_STORAGE_UNAVAILABLE`. */
export async function withTimeout(operation, timeoutMs, name) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => {
            reject(new CachemeError('E_STORAGE_TIMEOUT', `storage operation '${name}' took longer than ${timeoutMs} ms → check that Redis is reachable, or raise 'operationTimeoutMs'.`));
        }, timeoutMs);
        timer.unref();
    });
    try {
        return await Promise.race([operation(), timeout]);
    }
    catch (error) {
        if (CachemeError.is(error))
            throw error;
        throw new CachemeError('E_STORAGE_UNAVAILABLE', `storage operation '${name}' failed: ${error?.message ?? String(error)} → check the Redis connection; cacheme keeps serving uncached values meanwhile.`, { cause: error });
    }
    finally {
        clearTimeout(timer);
    }
}
//# sourceMappingURL=resilient-storage.js.map