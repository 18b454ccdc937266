export interface ResilienceOptions {
    /** Milliseconds before a storage operation counts as failed. Default 1000. */
    operationTimeoutMs?: number;
    /** Consecutive failures that open the breaker. Default 5. */
    breakerThreshold?: number;
    /** Milliseconds the breaker stays open before letting one operation through. Default 5000. */
    breakerCooldownMs?: number;
}
export declare class CircuitBreaker {
    #private;
    constructor(threshold: number, cooldownMs: number);
    /** False while open: skip the storage. */
    get allows(): boolean;
    get open(): boolean;
    success(): void;
    failure(): void;
}
/** Runs `operation` with a timeout; rejects with `E_STORAGE_TIMEOUT` / `E_STORAGE_UNAVAILABLE`. */
export declare function withTimeout<T>(operation: () => Promise<T>, timeoutMs: number, name: string): Promise<T>;
//# sourceMappingURL=resilient-storage.d.ts.map