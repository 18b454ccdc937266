/**
 * A journal: a bounded list of records (strings, newest first) in the storage, under cacheme's meta
 * namespace (`P+"#cm:journal:"+name`, see `key.ts`). `@cacheme/admin` keeps its history in one.
 *
 * Guarantees: an append is one atomic step (push + trim), so the list never holds more than `maxEntries`
 * records, whatever the number of processes appending; records survive restarts (as long as the storage
 * does) and pattern invalidations (meta keys never match a pattern), and have no TTL.
 *
 * Limits: appends from several processes are ordered by their arrival at the storage. On MemoryStorage a
 * journal is per process. A journal is for operators' records, not for high-rate logging: each append is
 * one round trip.
 */
import { CachemeError, quote } from '../errors.js';
import { assertRecordName } from './record-name.js';
/** Longest record accepted, in characters. */
export const MAX_RECORD_LENGTH = 64 * 1024;
/** A bounded list of records. Create with `cm.journal(name)`. */
export class Journal {
    /** The journal's name. */
    name;
    /** Records kept. */
    maxEntries;
    #storage;
    #key;
    /** @internal created by `Cacheme.journal` */
    constructor(storage, keys, name, options = {}) {
        assertRecordName(name, 'journal');
        const max = options.maxEntries ?? 1000;
        if (!Number.isSafeInteger(max) || max < 1 || max > 100_000) {
            throw new CachemeError('E_INVALID_OPTION', `maxEntries ${quote(max)} → pass an integer from 1 to 100000.`);
        }
        this.name = name;
        this.maxEntries = max;
        this.#storage = storage;
        this.#key = keys.journal(name);
    }
    /**
     * Appends a record (it becomes the newest) and drops the oldest beyond `maxEntries`.
     * @throws CachemeError `E_INVALID_OPTION` for a record that is not a string or is over 64 KiB;
     *   `E_STORAGE_UNAVAILABLE` / `E_STORAGE_TIMEOUT` when the storage cannot be reached.
     */
    async append(record) {
        if (typeof record !== 'string' || record.length > MAX_RECORD_LENGTH) {
            throw new CachemeError('E_INVALID_OPTION', `journal ${quote(this.name)} record ${quote(typeof record === 'string' ? `${record.slice(0, 40)}…` : record)} is not a string of at most ${MAX_RECORD_LENGTH} characters → shorten it.`);
        }
        await this.#storage.pushList(this.#key, record, this.maxEntries);
    }
    /**
     * Records `offset` .. `offset + limit - 1`, newest first.
     * @throws CachemeError `E_INVALID_OPTION` for a negative offset or a limit outside 1–1000; storage errors.
     */
    async list(options = {}) {
        const { offset = 0, limit = 50 } = options;
        if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) {
            throw new CachemeError('E_INVALID_OPTION', `limit ${quote(limit)} → pass an integer from 1 to 1000.`);
        }
        return this.#storage.listRange(this.#key, offset, limit);
    }
}
//# sourceMappingURL=journal.js.map