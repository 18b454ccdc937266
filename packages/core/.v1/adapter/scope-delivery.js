/**
 * How `TransactionScopes` hands change sets to core: awaited or through the background barrier
 * (`delivery`), tracked so that `settled()` can wait for them, and — for shared connections — batched per
 * tick, so that the events of one ORM statement burst (an entity and its junction rows) become one
 * invalidation instead of one each.
 */
import { ChangeSet } from './change-set.js';
export class ScopeDelivery {
    #context;
    #adapter;
    #background;
    #inFlight = new Set();
    /** Changes handed to `soon()` in this tick, delivered together on the next microtask. */
    #batch;
    constructor(context, adapter, background) {
        this.#context = context;
        this.#adapter = adapter;
        this.#background = background;
    }
    /** Delivers `set` now. Resolves once delivered, or at once under `'background'`. Never rejects. */
    now(set) {
        if (set.empty)
            return Promise.resolve();
        const sending = set.deliver(this.#context, this.#adapter);
        this.#inFlight.add(sending);
        const settle = () => {
            this.#inFlight.delete(sending);
        };
        sending.then(settle, settle);
        if (!this.#background)
            return sending;
        this.#context.background(sending);
        return Promise.resolve();
    }
    /** Delivers `set` with whatever else is handed over in this tick, as one invalidation. Never rejects. */
    soon(set) {
        if (set.empty)
            return Promise.resolve();
        if (!this.#batch) {
            const batch = new ChangeSet();
            const sending = Promise.resolve().then(() => {
                this.#batch = undefined;
                return this.now(batch);
            });
            this.#batch = { set: batch, sending };
        }
        this.#batch.set.merge(set);
        return this.#batch.sending;
    }
    /** Resolves when every delivery started so far (batched ones included) has settled. */
    settled() {
        return Promise.all([...this.#inFlight, this.#batch?.sending]).then(() => undefined);
    }
}
//# sourceMappingURL=scope-delivery.js.map