/**
 * MemoryStorage's keyspace: a literal model of Redis keys (hashes, sets, strings, sorted sets), each with
 * an optional expiry, so `scan` and `deleteKeys` see exactly the keys Redis would hold.
 *
 * Expiry is lazy, as in Redis: an expired key is dropped when it is accessed or scanned, and writes also
 * check a few keys in turn (a small incremental sweep). No timer is used, so nothing keeps the process
 * alive.
 */
import { quote } from '../errors.js';
/** Keys checked for expiry per write by the incremental sweep. */
const SWEEP_PER_WRITE = 8;
export class MemoryKeyspace {
    #keys = new Map();
    #sweep;
    /** The live slot of a key, dropping it if expired. */
    slot(key, now = Date.now()) {
        const slot = this.#keys.get(key);
        if (slot?.expiresAt !== undefined && slot.expiresAt <= now) {
            this.#keys.delete(key);
            return undefined;
        }
        return slot;
    }
    /** The value of a key of the expected type; a key of another type is an error, as in Redis. */
    typed(key, type) {
        const value = this.slot(key)?.value;
        if (value === undefined)
            return undefined;
        if (value.type !== type) {
            throw new Error(`WRONGTYPE Operation against a key holding the wrong kind of value: ${quote(key)}`);
        }
        return value;
    }
    /** A string key as a number (0 when missing or unparsable, like `parseSeq`). */
    number(key) {
        const value = Number(this.typed(key, 'string')?.value ?? 0);
        return Number.isFinite(value) ? value : 0;
    }
    /** Sets a persistent string key. */
    setString(key, value) {
        const slot = this.#keys.get(key);
        if (slot?.value.type === 'string')
            slot.value.value = value;
        else
            this.#keys.set(key, { value: { type: 'string', value }, expiresAt: undefined });
    }
    set(key, slot) {
        this.#keys.set(key, slot);
    }
    /** @returns whether the key existed (expired or not). */
    delete(key) {
        return this.#keys.delete(key);
    }
    /** A snapshot of the key names (expired ones included until touched). */
    keys() {
        return [...this.#keys.keys()];
    }
    /** Checks a few keys for expiry per write, cycling through the keyspace (Redis' active expiry, small). */
    sweepSome(now) {
        for (let i = 0; i < SWEEP_PER_WRITE; i++) {
            this.#sweep ??= this.#keys.entries();
            const next = this.#sweep.next();
            if (next.done === true) {
                this.#sweep = undefined;
                return;
            }
            this.slot(next.value[0], now);
        }
    }
}
//# sourceMappingURL=memory-keyspace.js.map