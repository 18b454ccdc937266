/**
 * The optional cross-process stampede lock (`lock` option): when many processes miss the same key at
 * once, one computes while the others wait for its value instead of all hitting the database.
 *
 * Mechanism: `SET lock token NX PX ttl` (owner token so that only the holder can release it, and a TTL so
 * that a crashed holder cannot block anyone for long). The holder re-reads the entry after acquiring (the
 * previous holder may have just written it), computes, writes, and releases the lock in a `finally` — also
 * when the function throws. Waiters poll the entry with a short backoff; when it appears they return it,
 * when the lock is free they try to take it, and after `waitMs` they compute themselves (fail open:
 * a bounded wait, never a deadlock).
 *
 * Limits: the lock is advisory. A holder slower than `ttlMs` loses it, and a second process may compute
 * in parallel (correctness is still guarded by the race guard). Waiting costs extra round trips, so only
 * enable it for expensive functions.
 */
import { randomUUID } from 'node:crypto';
/** The lock path always reads the sequence: its reads are the miss's snapshot (it is the slow path). */
const WITH_SEQ = { seq: true };
const sleep = (ms) => new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
});
/** The lock protocol over one storage layer. */
export class StampedeLock {
    #storage;
    #events;
    constructor(storage, events) {
        this.#storage = storage;
        this.#events = events;
    }
    /** Takes the lock for `entry`, or waits for whoever holds it. Storage errors reject (the caller fails open). */
    async lockOrWait(entry, lockKey, options, seq) {
        const storage = this.#storage;
        const ttlMs = options.ttlMs ?? 10_000;
        const deadline = Date.now() + (options.waitMs ?? 5_000);
        const token = randomUUID();
        let delay = 10;
        let latest = seq;
        for (;;) {
            if (await storage.acquireLock(lockKey, token, ttlMs)) {
                // Double-check: the previous holder may have written the value between our read and our lock.
                const read = await storage.read(entry, WITH_SEQ);
                if (read.payload === undefined)
                    return { kind: 'owner', token, seq: read.seq ?? latest };
                await this.release(lockKey, token);
                return { kind: 'value', payload: read.payload };
            }
            if (Date.now() >= deadline)
                return { kind: 'gave-up', seq: latest };
            await sleep(delay);
            delay = Math.min(delay * 2, 200);
            const read = await storage.read(entry, WITH_SEQ);
            if (read.payload !== undefined)
                return { kind: 'value', payload: read.payload };
            latest = read.seq ?? latest;
        }
    }
    /** Releases the lock if still ours; errors are reported, never thrown (the TTL frees it anyway). */
    async release(lockKey, token) {
        try {
            await this.#storage.releaseLock(lockKey, token);
        }
        catch (error) {
            this.#events.report(error, 'unlock', lockKey);
        }
    }
}
//# sourceMappingURL=stampede-lock.js.map