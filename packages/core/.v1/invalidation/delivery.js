import { keyGuard, modelGuard } from '../guard-names.js';
import { runPattern } from './pattern-run.js';
const SCAN_COUNT = 500;
/** Delivers invalidations to one storage layer (one prefix). */
export class Delivery {
    #storage;
    #keys;
    #events;
    constructor(storage, keys, events) {
        this.#storage = storage;
        this.#keys = keys;
        this.#events = events;
    }
    /**
     * Delivers one invalidation and emits `invalidate`. Rejects on storage trouble.
     * @returns entries removed, and the sequence its guards were logged under.
     */
    async deliver(item) {
        if (item.kind === 'everything') {
            const { deleted, seq } = await this.pattern('*', {});
            return { removed: deleted, seq };
        }
        if (item.kind === 'sets') {
            const { removed, seq } = await this.#storage.invalidate({ guards: item.guards, sets: item.sets });
            this.#events.emit('invalidate', { keys: item.keys, removed, cause: item.cause });
            return { removed, seq };
        }
        const { model, cause } = item;
        // Log first: a miss that registers its membership after our SCAN passed its slot is rejected by the
        // guard; one that registered before is found by the SCAN.
        const seq = await this.#storage.logGuards([modelGuard(model), keyGuard(model)]);
        await this.#notify(seq);
        const batches = [[this.#keys.invalidSet(model)]];
        for await (const batch of this.#storage.scan({ match: this.#keys.modelSets(model), count: SCAN_COUNT })) {
            batches.push(batch);
        }
        let removed = 0;
        for (const sets of batches) {
            if (sets.length > 0)
                removed += (await this.#storage.invalidate({ guards: [], sets })).removed;
        }
        await this.#notify(undefined);
        this.#events.emit('invalidate', { keys: [model], removed, cause: { ...cause, entity: model } });
        return { removed, seq };
    }
    /**
     * The notice "anything under the prefix" (in-process tiers of every process drop everything), sent
     * by a model or pattern invalidation twice: right after it logged its guards (so that tiers account for
     * the sequence at once instead of seeing it lag through a long SCAN, and stop serving what is about to
     * go), and when it is done (the batches' own notices did not cover keys deleted by UNLINK or drained,
     * nor say that the invalidation is complete). A failure is reported, not thrown: the invalidation
     * itself goes on, and a tier that misses this notice sees its sequence unaccounted for and drops itself.
     */
    async #notify(seq) {
        if (!this.#storage.notices)
            return;
        try {
            await this.#storage.publish({ seq, keys: undefined });
        }
        catch (error) {
            this.#events.report(error, 'publish');
        }
    }
    /**
     * Pattern invalidation (`pattern-run.ts`), with the sequence its global guard was logged under.
     * @throws CachemeError `E_INVALID_PATTERN`, and storage errors
     */
    async pattern(pattern, options) {
        const parts = {
            storage: this.#storage,
            keys: this.#keys,
            events: this.#events,
            logged: (seq) => this.#notify(seq),
        };
        const run = await runPattern(parts, pattern, options);
        if (options.dryRun !== true)
            await this.#notify(undefined);
        return run;
    }
}
//# sourceMappingURL=delivery.js.map