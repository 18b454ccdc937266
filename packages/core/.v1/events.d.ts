/** Why an invalidation happened. Adapters pass the ORM event; manual calls default to `manual`. */
export interface InvalidationCause {
    /** e.g. `manual`, `tag`, `pattern`, `model`, `typeorm:update`, `sequelize:afterDestroy`. */
    readonly kind: string;
    /** Entity / model name when an ORM change caused it. */
    readonly entity?: string;
}
/** Payloads of every event, by name. */
export interface CachemeEvents {
    /** A value was served from the cache. */
    hit: {
        key: string;
        tag: string;
    };
    /** A value was computed (and, unless skipped or rejected by the race guard, stored). */
    miss: {
        key: string;
        tag: string;
        stored: boolean;
        durationMs: number;
    };
    /** Entries were removed. `keys` are the invalid keys (or tag/pattern/model) concerned. */
    invalidate: {
        keys: readonly string[];
        removed: number;
        cause: InvalidationCause;
    };
    /** Something went wrong that cacheme recovered from (fail-open). Never thrown at the caller. */
    error: {
        error: Error;
        operation: string;
        key?: string;
    };
    /**
     * The in-process tier (`l1` option) started serving (`ready`: its notice subscription is confirmed) or
     * was emptied and is bypassed (`dropped`, with why) until it is ready again.
     */
    l1: {
        state: 'ready' | 'dropped';
        reason?: string;
    };
}
export type CachemeEventName = keyof CachemeEvents;
export type CachemeListener<E extends CachemeEventName> = (payload: CachemeEvents[E]) => void;
/** Minimal pino-compatible logger (`pino()` instances fit; so does any object with these methods). */
export interface Logger {
    debug(obj: object, msg?: string): void;
    info(obj: object, msg?: string): void;
    warn(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
}
/** The default logger: discards everything. */
export declare const silentLogger: Logger;
/**
 * The events of one instance: a tiny typed emitter (node:events would type payloads as `any[]`) plus
 * {@link report}, the one way recovered errors surface (logged, then emitted as `error`).
 */
export declare class Events {
    #private;
    /** @param logger the instance's logger, read when something is logged. */
    constructor(logger: () => Logger);
    /** Subscribes; returns a function that unsubscribes. */
    on<E extends CachemeEventName>(event: E, listener: CachemeListener<E>): () => void;
    /** Removes a listener added with `on`. */
    off<E extends CachemeEventName>(event: E, listener: CachemeListener<E>): void;
    /** True when `event` has a listener: lets hot paths skip building a payload nobody reads. */
    listens(event: CachemeEventName): boolean;
    /** Calls every listener of `event`; a listener that throws is logged, never propagated. */
    emit<E extends CachemeEventName>(event: E, payload: CachemeEvents[E]): void;
    /** Reports an error cacheme recovered from: `logger.error`, then an `error` event. Never throws. */
    report(error: unknown, operation: string, key?: string): void;
}
//# sourceMappingURL=events.d.ts.map