/** The guard log over one keyspace (every prefix's meta keys live in it). */
export class MemoryGuardLog {
    #space;
    #logMaxEntries;
    /** The highest sequence ever issued, under any prefix (see `log`). */
    #highWater = 0;
    constructor(space, logMaxEntries) {
        this.#space = space;
        this.#logMaxEntries = logMaxEntries;
    }
    /** The guard check of `guard-lib.lua`, verbatim in meaning: may a value with this snapshot be stale? */
    isStale(meta, snapshot, guards) {
        const floor = this.#space.typed(meta.floor, 'string');
        const log = this.#space.typed(meta.log, 'zset');
        // After the first invalidation floor and log always exist together; anything else means the meta
        // state was lost (deleteKeys on it) and freshness cannot be proven.
        if (floor === undefined)
            return snapshot > 0 || log !== undefined;
        if (log === undefined || snapshot < Number(floor.value))
            return true;
        for (const name of guards) {
            const score = log.scores.get(name);
            if (score !== undefined && score > snapshot)
                return true;
        }
        return false;
    }
    /**
     * `log-lib.lua` in TypeScript: new sequence, log the names, trim, raise the floor.
     * @returns the sequence (0 without guards), and whether it was restarted first.
     */
    log(guards, meta) {
        if (guards.length === 0)
            return { seq: 0, restarted: false };
        let restarted = false;
        let log = this.#space.typed(meta.log, 'zset');
        if (this.#space.slot(meta.seq) === undefined ||
            log === undefined ||
            this.#space.slot(meta.floor) === undefined) {
            restarted = true;
            // First invalidation, or lost meta state: restart at the clock in µs, floor included (see
            // `log-lib.lua` for why), never below anything that survived. Date.now() has only millisecond
            // resolution, so the highest sequence this storage ever issued is remembered as well: a restart
            // within the same millisecond must still land above every earlier snapshot.
            let newest = 0;
            for (const score of log?.scores.values() ?? [])
                newest = Math.max(newest, score);
            const base = String(Math.max(Date.now() * 1000, this.#space.number(meta.seq), this.#space.number(meta.floor), newest, this.#highWater));
            this.#space.set(meta.seq, { value: { type: 'string', value: base }, expiresAt: undefined });
            this.#space.set(meta.floor, { value: { type: 'string', value: base }, expiresAt: undefined });
            if (log === undefined) {
                log = { type: 'zset', scores: new Map() };
                this.#space.set(meta.log, { value: log, expiresAt: undefined });
            }
        }
        const seq = this.#space.number(meta.seq) + 1;
        this.#space.setString(meta.seq, String(seq));
        this.#highWater = Math.max(this.#highWater, seq);
        for (const name of guards) {
            // Delete first so that Map order stays score order: trimming then just takes from the front.
            log.scores.delete(name);
            log.scores.set(name, seq);
        }
        let excess = log.scores.size - this.#logMaxEntries;
        let highest = -Infinity;
        for (const [name, score] of log.scores) {
            if (excess-- <= 0)
                break;
            log.scores.delete(name);
            highest = Math.max(highest, score);
        }
        if (highest > this.#space.number(meta.floor))
            this.#space.setString(meta.floor, String(highest));
        return { seq, restarted };
    }
}
//# sourceMappingURL=memory-guard-log.js.map