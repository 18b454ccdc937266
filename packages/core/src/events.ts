/**
 * Typed events and the pino-compatible logger interface.
 *
 * Library code never writes to the console: it logs through an injected logger (no-op by default) and
 * emits typed events that applications use for metrics. Listener exceptions are caught and logged so an
 * observer can never break a cached call.
 */
import { toError } from './errors.js'

/** Why an invalidation happened. Adapters pass the ORM event; manual calls default to `manual`. */
export interface InvalidationCause {
  /** e.g. `manual`, `tag`, `pattern`, `model`, `typeorm:update`, `sequelize:afterDestroy`. */
  readonly kind: string
  /** Entity / model name when an ORM change caused it. */
  readonly entity?: string
}

/**
 * Why a computed value was not stored (the `miss` event's `reason`):
 * - `unserializable`: the serializer refused the result (functions, symbols, ...; `E_SERIALIZATION`);
 * - `invalid-keys`: the `invalidKeys` callback threw or returned a malformed key;
 * - `race-guard`: one of its invalid keys was invalidated while it was computed (the next miss stores it);
 * - `storage-error`: the write failed (Redis unreachable, timeout, wrong key type, ...);
 * - `cache-bypassed`: the cache was not used for this call (the read failed, the circuit breaker is open,
 *   or invalidations are waiting to be delivered).
 */
export type NotStoredReason =
  | 'unserializable'
  | 'invalid-keys'
  | 'race-guard'
  | 'storage-error'
  | 'cache-bypassed'

/** Stable codes of the `warning` event (something works, but probably not as the application means). */
export type CachemeWarningCode =
  /** A cached result holds instances of classes the serializer does not register: hits return plain objects. */
  | 'W_UNREGISTERED_CLASS'
  /** A key or invalid key contains `undefined`, `null` or `NaN` as a word: probably a missing value. */
  | 'W_SUSPICIOUS_KEY'

/** Payloads of every event, by name. */
export interface CachemeEvents {
  /** A value was served from the cache. */
  hit: { key: string; tag: string }
  /**
   * A value was computed, and stored unless `stored` is false: then `reason` says why, and `error` is the
   * error behind it when there is one (the same one the `error` event carried).
   */
  miss: {
    key: string
    tag: string
    stored: boolean
    durationMs: number
    reason?: NotStoredReason
    error?: Error
  }
  /** Entries were removed. `keys` are the invalid keys (or tag/pattern/model) concerned. */
  invalidate: { keys: readonly string[]; removed: number; cause: InvalidationCause }
  /** Something went wrong that cacheme recovered from (fail-open). Never thrown at the caller. */
  error: { error: Error; operation: string; key?: string }
  /** Something works, but probably not as intended (also logged with `logger.warn`). Once per tag and code. */
  warning: { code: CachemeWarningCode; message: string; tag?: string; key?: string }
  /**
   * The in-process tier (`l1` option) started serving (`ready`: its notice subscription is confirmed) or
   * was emptied and is bypassed (`dropped`, with why) until it is ready again.
   */
  l1: { state: 'ready' | 'dropped'; reason?: string }
}

export type CachemeEventName = keyof CachemeEvents
export type CachemeListener<E extends CachemeEventName> = (payload: CachemeEvents[E]) => void

/** Minimal pino-compatible logger (`pino()` instances fit; so does any object with these methods). */
export interface Logger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

const noop = (): void => {}
/** A logger that discards everything: pass it as `logger` to silence cacheme entirely. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop }

/** Marks the default logger (`default-logger.ts`), which stays quiet about what a listener already hears. */
export const DEFAULT_LOGGER: unique symbol = Symbol('cacheme.defaultLogger')

/** True for the logger cacheme uses when the configuration gives none. */
export function isDefaultLogger(logger: Logger): boolean {
  return (logger as Logger & { [DEFAULT_LOGGER]?: true })[DEFAULT_LOGGER] === true
}

/**
 * The events of one instance: a tiny typed emitter (node:events would type payloads as `any[]`) plus
 * {@link report}, the one way recovered errors surface (logged, then emitted as `error`).
 */
export class Events {
  readonly #listeners = new Map<CachemeEventName, Set<(payload: never) => void>>()
  readonly #logger: () => Logger

  /** @param logger the instance's logger, read when something is logged. */
  constructor(logger: () => Logger) {
    this.#logger = logger
  }

  /** Subscribes; returns a function that unsubscribes. */
  on<E extends CachemeEventName>(event: E, listener: CachemeListener<E>): () => void {
    let set = this.#listeners.get(event)
    if (!set) {
      set = new Set()
      this.#listeners.set(event, set)
    }
    set.add(listener as (payload: never) => void)
    return () => this.off(event, listener)
  }

  /** Removes a listener added with `on`. */
  off<E extends CachemeEventName>(event: E, listener: CachemeListener<E>): void {
    this.#listeners.get(event)?.delete(listener as (payload: never) => void)
  }

  /** True when `event` has a listener: lets hot paths skip building a payload nobody reads. */
  listens(event: CachemeEventName): boolean {
    const set = this.#listeners.get(event)
    return set !== undefined && set.size > 0
  }

  /** Calls every listener of `event`; a listener that throws is logged, never propagated. */
  emit<E extends CachemeEventName>(event: E, payload: CachemeEvents[E]): void {
    const set = this.#listeners.get(event)
    if (!set) return
    for (const listener of set) {
      try {
        ;(listener as CachemeListener<E>)(payload)
      } catch (error) {
        this.#logger().error({ err: error, event }, 'cacheme: an event listener threw')
      }
    }
  }

  /**
   * Reports an error cacheme recovered from: `logger.error`, then an `error` event. Never throws. With
   * the default logger and an `error` listener, the listener alone hears it (the app handles its errors).
   */
  report(error: unknown, operation: string, key?: string): void {
    const err = toError(error)
    const logger = this.#logger()
    if (!(isDefaultLogger(logger) && this.listens('error'))) {
      logger.error({ err, operation, key }, `cacheme: ${operation} failed: ${err.message}`)
    }
    this.emit('error', key === undefined ? { error: err, operation } : { error: err, operation, key })
  }

  /** A warning: `logger.warn`, then a `warning` event. The caller decides how often (once per tag). */
  warn(payload: CachemeEvents['warning']): void {
    const { code, tag, key, message } = payload
    this.#logger().warn({ code, tag, key }, `cacheme: ${message}`)
    this.emit('warning', payload)
  }
}
