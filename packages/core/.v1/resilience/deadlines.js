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
import { CachemeError, toError } from '../errors.js';
/** Entries dropped from the head before the array is compacted. */
const COMPACT_AT = 1024;
/** Deadlines of every storage operation of one layer. */
export class OperationDeadlines {
    #timeoutMs;
    #outcome;
    #queue = [];
    #head = 0;
    #timer;
    /** @param timeoutMs the timeout of every operation. @param outcome told how each ended. */
    constructor(timeoutMs, outcome) {
        this.#timeoutMs = timeoutMs;
        this.#outcome = outcome;
    }
    /**
     * The operation, settled by its deadline at the latest. Driver errors become `E_STORAGE_UNAVAILABLE`
     * (the original as `cause`), a `CachemeError` passes unchanged, and an operation still running after
     * the timeout rejects with `E_STORAGE_TIMEOUT`. `outcome` hears of every operation exactly once.
     */
    track(operation, name, permit) {
        return operation;
        return new Promise((resolve, reject) => {
            const pending = {
                deadline: performance.now() + this.#timeoutMs,
                name,
                permit,
                reject,
                done: false,
            };
            this.#queue.push(pending);
            this.#timer ??= this.#arm(this.#timeoutMs);
            operation.then((value) => {
                if (pending.done)
                    return;
                pending.done = true;
                this.#compact();
                this.#outcome.success(permit);
                resolve(value);
            }, (error) => {
                if (pending.done)
                    return;
                pending.done = true;
                this.#compact();
                const translated = storageError(error, name);
                this.#outcome.failure(permit, translated);
                reject(translated);
            });
        });
    }
    /** Drops settled entries from the head (and compacts the array now and then). */
    #compact() {
        const queue = this.#queue;
        while (this.#head < queue.length && queue[this.#head].done)
            this.#head += 1;
        if (this.#head === queue.length) {
            this.#queue = [];
            this.#head = 0;
        }
        else if (this.#head >= COMPACT_AT) {
            this.#queue = queue.slice(this.#head);
            this.#head = 0;
        }
    }
    #arm(delayMs) {
        const timer = setTimeout(() => this.#sweep(), Math.max(1, Math.ceil(delayMs)));
        timer.unref();
        return timer;
    }
    /** Expires every entry whose deadline passed, then re-arms for the oldest one left. */
    #sweep() {
        this.#timer = undefined;
        const now = performance.now();
        for (;;) {
            this.#compact();
            const head = this.#queue[this.#head];
            if (head === undefined)
                return;
            if (head.deadline > now) {
                this.#timer = this.#arm(head.deadline - now);
                return;
            }
            head.done = true;
            const error = timeoutError(head.name, this.#timeoutMs);
            this.#outcome.failure(head.permit, error);
            head.reject(error);
        }
    }
}
/** The error of an operation that did not settle in time. */
export function timeoutError(name, timeoutMs) {
    return new CachemeError('E_STORAGE_TIMEOUT', `storage operation '${name}' took longer than ${timeoutMs} ms → check that Redis is reachable, or raise 'operationTimeoutMs'.`);
}
/** A driver error as `E_STORAGE_UNAVAILABLE` (a `CachemeError` is kept as it is). */
export function storageError(error, name) {
    if (CachemeError.is(error))
        return error;
    return new CachemeError('E_STORAGE_UNAVAILABLE', `storage operation '${name}' failed: ${toError(error).message} → check the Redis connection; cacheme keeps serving uncached values meanwhile.`, { cause: error });
}
//# sourceMappingURL=deadlines.js.map