import type { KeySpace } from '../key.js';
import type { ResilientStorage } from '../resilience/resilient-storage.js';
/** Options of `cm.journal(name, options)`. */
export interface JournalOptions {
    /** Records kept; older ones are dropped on append. 1–100000, default 1000. */
    readonly maxEntries?: number;
}
/** Longest record accepted, in characters. */
export declare const MAX_RECORD_LENGTH: number;
/** A bounded list of records. Create with `cm.journal(name)`. */
export declare class Journal {
    #private;
    /** The journal's name. */
    readonly name: string;
    /** Records kept. */
    readonly maxEntries: number;
    /** @internal created by `Cacheme.journal` */
    constructor(storage: ResilientStorage, keys: KeySpace, name: string, options?: JournalOptions);
    /**
     * Appends a record (it becomes the newest) and drops the oldest beyond `maxEntries`.
     * @throws CachemeError `E_INVALID_OPTION` for a record that is not a string or is over 64 KiB;
     *   `E_STORAGE_UNAVAILABLE` / `E_STORAGE_TIMEOUT` when the storage cannot be reached.
     */
    append(record: string): Promise<void>;
    /**
     * Records `offset` .. `offset + limit - 1`, newest first.
     * @throws CachemeError `E_INVALID_OPTION` for a negative offset or a limit outside 1–1000; storage errors.
     */
    list(options?: {
        offset?: number;
        limit?: number;
    }): Promise<string[]>;
}
//# sourceMappingURL=journal.d.ts.map