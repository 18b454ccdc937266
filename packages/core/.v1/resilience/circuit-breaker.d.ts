/**
 * The circuit breaker of the storage layer: closed → open → half-open → closed.
 *
 * Why: when Redis is down every operation would wait for its timeout; after `threshold` consecutive
 * failures the breaker *opens* and operations fail at once, for `cooldownMs`. After the cooldown it is
 * *half-open*: exactly one operation — the probe — is let through, and every other one keeps failing fast
 * until the probe has settled. The probe's success closes the breaker; its failure opens it for another
 * cooldown. Letting every waiting call through at the end of the cooldown instead would send a herd of
 * operations (each waiting out its timeout) to a server that is most likely still dead.
 *
 * Limits: the breaker is per storage layer, so per cacheme instance and process; it counts failures, not
 * a failure rate, so a storage failing every other call never opens it (each success resets the count).
 */
/** What {@link CircuitBreaker.acquire} grants: an ordinary call (closed) or the half-open probe. */
export type Permit = 'call' | 'probe';
export declare class CircuitBreaker {
    #private;
    /** @param threshold consecutive failures that open it. @param cooldownMs how long it stays open. */
    constructor(threshold: number, cooldownMs: number);
    /** True while closed: every call is granted (the steady state, checked on the hot path). */
    get closed(): boolean;
    /** True when {@link acquire} would grant a permit now (closed, or half-open with no probe in flight). */
    get allows(): boolean;
    /**
     * Asks to make one storage call. Closed: always granted. Open: refused. Half-open: granted once, as the
     * probe; refused while the probe is in flight. Every granted permit must be settled with
     * {@link success} or {@link failure}.
     */
    acquire(): Permit | undefined;
    /** The call succeeded: the storage answers, so the breaker closes. */
    success(permit: Permit): void;
    /** The call failed: one more consecutive failure; at the threshold (or when the probe fails) it opens. */
    failure(permit: Permit): void;
}
//# sourceMappingURL=circuit-breaker.d.ts.map