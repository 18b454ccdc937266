/**
 * Typed events and the pino-compatible logger interface.
 *
 * Library code never writes to the console: it logs through an injected logger (no-op by default) and
 * emits typed events that applications use for metrics. Listener exceptions are caught and logged so an
 * observer can never break a cached call.
 */
import { toError } from './errors.js';
const noop = () => { };
/** The default logger: discards everything. */
export const silentLogger = { debug: noop, info: noop, warn: noop, error: noop };
/**
 * The events of one instance: a tiny typed emitter (node:events would type payloads as `any[]`) plus
 * {@link report}, the one way recovered errors surface (logged, then emitted as `error`).
 */
export class Events {
    #listeners = new Map();
    #logger;
    /** @param logger the instance's logger, read when something is logged. */
    constructor(logger) {
        this.#logger = logger;
    }
    /** Subscribes; returns a function that unsubscribes. */
    on(event, listener) {
        let set = this.#listeners.get(event);
        if (!set) {
            set = new Set();
            this.#listeners.set(event, set);
        }
        set.add(listener);
        return () => this.off(event, listener);
    }
    /** Removes a listener added with `on`. */
    off(event, listener) {
        this.#listeners.get(event)?.delete(listener);
    }
    /** True when `event` has a listener: lets hot paths skip building a payload nobody reads. */
    listens(event) {
        const set = this.#listeners.get(event);
        return set !== undefined && set.size > 0;
    }
    /** Calls every listener of `event`; a listener that throws is logged, never propagated. */
    emit(event, payload) {
        const set = this.#listeners.get(event);
        if (!set)
            return;
        for (const listener of set) {
            try {
                ;
                listener(payload);
            }
            catch (error) {
                this.#logger().error({ err: error, event }, 'cacheme: an event listener threw');
            }
        }
    }
    /** Reports an error cacheme recovered from: `logger.error`, then an `error` event. Never throws. */
    report(error, operation, key) {
        const err = toError(error);
        this.#logger().error({ err, operation, key }, `cacheme: ${operation} failed: ${err.message}`);
        this.emit('error', key === undefined ? { error: err, operation } : { error: err, operation, key });
    }
}
//# sourceMappingURL=events.js.map