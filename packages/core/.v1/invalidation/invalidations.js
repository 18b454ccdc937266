import { keyGuard, tagGuard } from '../guard-names.js';
import { Delivery } from './delivery.js';
import { RetryQueue } from './retry-queue.js';
/** Invalidation by key, tag, model and pattern, with all the state that goes with it. */
export class Invalidations {
    #keys;
    #events;
    #enabled;
    #delivery;
    #queue;
    #sequence;
    #local;
    #background = new Set();
    #epoch = 0;
    constructor(storage, keys, events, options) {
        this.#keys = keys;
        this.#events = events;
        this.#enabled = options.enabled;
        this.#delivery = new Delivery(storage, keys, events);
        this.#sequence = options.sequence;
        this.#local = options.local;
        this.#queue = new RetryQueue((item) => this.#deliver(item), {
            max: options.maxPending,
            logger: options.logger,
            events,
        });
    }
    get epoch() {
        return this.#epoch;
    }
    get pending() {
        return this.#queue.size;
    }
    barrier() {
        return this.#background.size === 0 ? undefined : Promise.all(this.#background).then(() => undefined);
    }
    /**
     * Tracks a delivery nobody awaits (`delivery: 'background'`): cached reads wait for it until it
     * settles. Never rejects; a failure is reported.
     */
    track(delivery) {
        const tracked = delivery
            .catch((error) => this.#events.report(error, 'background-invalidate'))
            .finally(() => this.#background.delete(tracked));
        this.#background.add(tracked);
    }
    /** Removes every entry registered under each (already validated) invalid key. @returns entries removed. */
    keys(keys, cause) {
        if (keys.length === 0)
            return Promise.resolve(0);
        return this.#attempt({
            kind: 'sets',
            guards: keys.map(keyGuard),
            sets: keys.map((key) => this.#keys.invalidSet(key)),
            keys,
            cause,
        });
    }
    /** Removes every entry of a tag (its index set is an ordinary set of full keys). */
    tag(tag) {
        return this.#attempt({
            kind: 'sets',
            guards: [tagGuard(tag)],
            sets: [this.#keys.tagSet(tag)],
            keys: [tag],
            cause: { kind: 'tag' },
        });
    }
    /** Removes every entry registered under an invalid key of `model` (`<model>:*`) or under `<model>`. */
    model(model, cause) {
        return this.#attempt({ kind: 'model', model, cause });
    }
    /**
     * Deletes keys matching a glob under the prefix (see `Delivery.pattern`). Storage errors are thrown,
     * not queued: this is an explicit admin operation.
     */
    async pattern(pattern, options) {
        if (!this.#enabled)
            return { matched: 0, deleted: 0, steps: 0, sample: [], cancelled: false };
        if (options.dryRun !== true)
            this.#epoch += 1;
        const ticket = this.#sequence.ticket();
        const { seq, ...result } = await this.#delivery.pattern(pattern, options);
        if (seq !== undefined)
            this.#sequence.observe(seq, ticket);
        if (options.dryRun !== true)
            this.#local?.delivered(seq);
        return result;
    }
    /** Tries to deliver the queue now. @returns `true` when nothing is pending any more. */
    drain() {
        return this.#queue.drain();
    }
    /** Stops the retry timer (the queue is kept). */
    stop() {
        this.#queue.stop();
    }
    async #attempt(item) {
        if (!this.#enabled)
            return 0;
        this.#epoch += 1;
        try {
            return (await this.#deliver(item)).removed;
        }
        catch (error) {
            this.#events.report(error, 'invalidate');
            this.#queue.add(item);
            this.#local?.failed();
            return 0;
        }
    }
    /** Delivers one item (now or from the retry queue); the sequence it logged is remembered. */
    async #deliver(item) {
        const ticket = this.#sequence.ticket();
        const delivered = await this.#delivery.deliver(item);
        if (delivered.seq !== undefined)
            this.#sequence.observe(delivered.seq, ticket);
        this.#local?.delivered(delivered.seq);
        return delivered;
    }
}
//# sourceMappingURL=invalidations.js.map