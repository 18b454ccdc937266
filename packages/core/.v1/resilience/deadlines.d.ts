/**
 * The per-operation timeout of the storage layer, with one timer for all operations in flight, and the
 * translation of driver errors into `CachemeError`s.
 *
 * Why not a `setTimeout` per operation: arming and clearing a timer and racing two promises costs about
 * 1–3 µs per call (benchmarks/PROFILE.md), as much as everything else cacheme does on a hit. Every
 * operation of a layer has the same timeout, so deadlines come in the order operations start: a FIFO
 * queue is sorted by deadline for free. One timer, armed for the oldest unsettled deadline, wakes up at
 * most about once per timeout period under steady load; settling an operation only marks its entry, and
 * the queue drops settled entries from its head (replies mostly arrive in order, so the head keeps up).
 *
 * Limits: a timed-out operation is abandoned, not cancelled: it may still complete on the server later.
 * For writes that is safe (the race guard and the set memberships are written together, or in an order
 * that keeps the guard sound on Cluster); for invalidations the caller retries, which is idempotent.
 * Timeouts fire up to one timer tick late (the event loop must be free to run the timer).
 */
import { CachemeError } from '../errors.js';
/** Told how each tracked operation ended (the circuit breaker's accounting). */
export interface Outcome<P> {
    success(permit: P): void;
    failure(permit: P, error: unknown): void;
}
/** Deadlines of every storage operation of one layer. */
export declare class OperationDeadlines<P> {
    #private;
    /** @param timeoutMs the timeout of every operation. @param outcome told how each ended. */
    constructor(timeoutMs: number, outcome: Outcome<P>);
    /**
     * The operation, settled by its deadline at the latest. Driver errors become `E_STORAGE_UNAVAILABLE`
     * (the original as `cause`), a `CachemeError` passes unchanged, and an operation still running after
     * the timeout rejects with `E_STORAGE_TIMEOUT`. `outcome` hears of every operation exactly once.
     */
    track<T>(operation: Promise<T>, name: string, permit: P): Promise<T>;
}
/** The error of an operation that did not settle in time. */
export declare function timeoutError(name: string, timeoutMs: number): CachemeError;
/** A driver error as `E_STORAGE_UNAVAILABLE` (a `CachemeError` is kept as it is). */
export declare function storageError(error: unknown, name: string): CachemeError;
//# sourceMappingURL=deadlines.d.ts.map