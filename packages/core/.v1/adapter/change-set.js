import { relationKeys } from './keys.js';
/** Accumulates what one unit of work changed, deduplicated. */
export class ChangeSet {
    keys = new Set();
    models = new Set();
    causes = new Set();
    /** Records exact invalidation keys. */
    addKeys(keys, cause) {
        for (const key of keys)
            this.keys.add(key);
        this.causes.add(cause);
    }
    /** Records that unknown rows of `model` changed. */
    addModel(model, cause) {
        this.models.add(model);
        this.causes.add(cause);
    }
    /**
     * Records that junction rows of `relation` changed without the ORM saying which (a relation cleared
     * without loading it, rows deleted by criteria and their junction rows by cascade): every key of both
     * sides' models, plus the relation's own keys.
     */
    addRelation(relation, cause) {
        this.addModel(relation.owner.entity, cause);
        this.addModel(relation.inverse.entity, cause);
        this.addKeys(relationKeys(relation), cause);
    }
    /** Merges another change set into this one (a committed savepoint into its parent). */
    merge(other) {
        for (const key of other.keys)
            this.keys.add(key);
        for (const model of other.models)
            this.models.add(model);
        for (const cause of other.causes)
            this.causes.add(cause);
    }
    get empty() {
        return this.keys.size === 0 && this.models.size === 0;
    }
    /**
     * Delivers everything to core. Never rejects (core queues what it cannot deliver). With
     * `delivery: 'background'` it resolves at once and hands the delivery to `context.background`.
     */
    deliver(context, adapter, options = {}) {
        if (this.empty)
            return Promise.resolve();
        const delivery = this.#send(context, adapter);
        if (options.delivery !== 'background')
            return delivery;
        context.background(delivery);
        return Promise.resolve();
    }
    async #send(context, adapter) {
        const kind = `${adapter}:${[...this.causes].join('+')}`;
        const work = [];
        if (this.keys.size > 0)
            work.push(context.invalidate([...this.keys], { kind }));
        for (const model of this.models)
            work.push(context.invalidateModel(model, { kind, entity: model }));
        await Promise.all(work);
    }
}
//# sourceMappingURL=change-set.js.map