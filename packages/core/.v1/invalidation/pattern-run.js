/**
 * Pattern invalidation (the seed's admin feature): deletes every key under the prefix that matches a Redis
 * glob, in bounded steps that report progress and can be cancelled.
 *
 * Why it never blocks Redis for long: it only ever sends commands whose server-side cost is bounded by a
 * constant, never by the size of the data —
 * - one SCAN step examines about `scanCount` (default {@link DEFAULT_SCAN_COUNT}) slots of the keyspace;
 * - the keys a step matched are UNLINKed in chunks of at most {@link UNLINK_CHUNK} (UNLINK frees large
 *   values in a background thread, so each key costs O(1) on the main thread);
 * - a matched invalidation set is emptied with `drainSet`, at most {@link DRAIN_STEP} members (and their
 *   entries) per call, however large the set is.
 * `benchmarks/profile/pattern-slowlog.ts` measures every one of these commands on a real Redis with the
 * server's own SLOWLOG (execution time inside Redis, excluding network and queueing).
 *
 * Order (race guard): a real run logs the global guard `*` before its first SCAN step, so a miss that
 * computed its value from rows read before the run began and writes while the scan is under way is
 * rejected; one whose write landed before the step that reaches its key is deleted by that step.
 *
 * Why invalidation sets are drained rather than dropped: UNLINKing `P+I+':invalid'` alone would orphan the
 * values registered in it (nothing could invalidate them any more).
 *
 * Limits: SCAN may return a key twice (counted twice in `matched`); keys created during the scan may or may
 * not be seen. The cost is proportional to the size of the keyspace under every master, not to the number
 * of matches: a narrow pattern over a huge keyspace still walks all of it.
 */
import { CachemeError, quote } from '../errors.js';
import { GLOBAL_GUARD } from '../guard-names.js';
import { assertPattern } from './pattern-rules.js';
/** Default SCAN COUNT of one step. */
export const DEFAULT_SCAN_COUNT = 250;
/** Most keys per UNLINK. */
export const UNLINK_CHUNK = 250;
/** Most members (and entries) one `drainSet` call removes. */
export const DRAIN_STEP = 250;
/** Invalidation sets drained at the same time. */
const DRAIN_CONCURRENCY = 4;
/** Runs one pattern invalidation against a storage layer (see the module doc). */
export async function runPattern(parts, pattern, options) {
    assertPattern(pattern);
    const { storage, keys, events } = parts;
    const dryRun = options.dryRun === true;
    const scanCount = bounded(options.scanCount, DEFAULT_SCAN_COUNT, 1, 10_000, 'scanCount');
    const sampleSize = bounded(options.sampleSize, 100, 0, 1000, 'sampleSize');
    let matched = 0;
    let deleted = 0;
    let steps = 0;
    let cancelled = options.signal?.aborted === true;
    const sample = [];
    const seq = !dryRun && !cancelled ? await storage.logGuards([GLOBAL_GUARD]) : undefined;
    if (seq !== undefined)
        await parts.logged?.(seq);
    if (!cancelled) {
        for await (const batch of storage.scan({ match: keys.match(pattern), count: scanCount })) {
            steps++;
            const found = batch.filter((key) => keys.isUserSpace(key));
            matched += found.length;
            for (const key of found)
                if (sample.length < sampleSize)
                    sample.push(key);
            if (!dryRun && found.length > 0)
                deleted += await deleteMatched(storage, keys, found);
            try {
                options.onProgress?.({ matched, deleted, steps });
            }
            catch (error) {
                events.report(error, 'invalidatePattern:onProgress');
            }
            if (options.signal?.aborted === true) {
                cancelled = true;
                break;
            }
        }
    }
    if (!dryRun)
        events.emit('invalidate', { keys: [pattern], removed: deleted, cause: { kind: 'pattern' } });
    return { matched, deleted, steps, sample, cancelled, seq };
}
/** Deletes one step's matches: invalidation sets are drained, everything else is UNLINKed in chunks. */
async function deleteMatched(storage, keys, found) {
    let deleted = 0;
    const plain = found.filter((key) => !keys.isInvalidSet(key));
    for (const chunk of chunked(plain, UNLINK_CHUNK))
        deleted += await storage.deleteKeys(chunk);
    const sets = found.filter((key) => keys.isInvalidSet(key));
    for (const group of chunked(sets, DRAIN_CONCURRENCY))
        await Promise.all(group.map((set) => drain(storage, set)));
    return deleted + sets.length;
}
/** Empties one set in bounded steps. */
async function drain(storage, set) {
    // A set refilled as fast as it is drained (a hot invalid key under constant writes) is left after many
    // steps: what it still holds was written after the run logged its guard, so it is fresh.
    for (let step = 0; step < 10_000; step++) {
        if ((await storage.drainSet(set, DRAIN_STEP)).remaining === 0)
            return;
    }
}
function chunked(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
function bounded(value, fallback, min, max, name) {
    if (value === undefined)
        return fallback;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
        throw new CachemeError('E_INVALID_OPTION', `'${name}' is ${quote(value)} → pass an integer from ${min} to ${max}.`);
    }
    return value;
}
//# sourceMappingURL=pattern-run.js.map