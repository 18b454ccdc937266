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

/** Payloads of every event, by name. */
export interface CachemeEvents {
  /** A value was served from the cache. */
  hit: { key: string; tag: string }
  /** A value was computed (and, unless skipped or rejected by the race guard, stored). */
  miss: { key: string; tag: string; stored: boolean; durationMs: number }
  /** Entries were removed. `keys` are the invalid keys (or tag/pattern/model) concerned. */
  invalidate: { keys: readonly string[]; removed: number; cause: InvalidationCause }
  /** Something went wrong that cacheme recovered from (fail-open). Never thrown at the caller. */
  error: { error: Error; operation: string; key?: string }
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
/** The default logger: discards everything. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop }

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

  /** Reports an error cacheme recovered from: `logger.error`, then an `error` event. Never throws. */
  report(error: unknown, operation: string, key?: string): void {
    const err = toError(error)
    this.#logger().error({ err, operation, key }, `cacheme: ${operation} failed: ${err.message}`)
    this.emit('error', key === undefined ? { error: err, operation } : { error: err, operation, key })
  }
}
