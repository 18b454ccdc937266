/**
 * Decorator options and the per-call container, typed from the decorated function.
 *
 * Type parameters are ordered by how often they are spelled out: `Args` (the parameters), `R` (the resolved
 * result), `This`. With the wrapper `cm.wrap(fn, options)` all three are inferred from `fn`; with a
 * decorator they come from explicit type arguments (`@cm.cacheme<[Book], Owner>({...})`) or from annotating
 * the container (`key: (c: Container<[Book]>) => ...`), and the decorated method is then checked against
 * them.
 */
import type { ModelRef } from './model-ref.js'

/** `lock` option: `true` for defaults, or explicit limits (see `stampede-lock.ts`). */
export interface LockOptions {
  /** How long the lock is held at most (ms). Default 10000; make it longer than the function takes. */
  ttlMs?: number
  /** How long a waiter waits for the holder's value before computing itself (ms). Default 5000. */
  waitMs?: number
}

/** Built fresh for every call (the seed shared one across concurrent calls). */
export interface Container<Args extends readonly unknown[] = unknown[], This = unknown> {
  /** The call's arguments, exactly as passed. */
  readonly args: Args
  /** `this` of the call (the instance for methods). */
  readonly self: This
  /** The computed result; `undefined` until the function ran. */
  readonly result?: unknown
}

/** The container `invalidKeys` receives: `result` is set on every compute path. */
export interface ResultContainer<Args extends readonly unknown[] = unknown[], R = unknown, This = unknown>
  extends Container<Args, This> {
  readonly result: R
}

/** What `invalidKeys` may return: a key, or nested arrays of keys; `null`/`undefined` are dropped. */
export type InvalidKeys = string | null | undefined | readonly InvalidKeys[]

/** Options of `cm.cacheme(options)` (the seed's parameters, camelCased). */
export interface CachemeOptions<Args extends readonly unknown[] = unknown[], R = unknown, This = unknown> {
  /**
   * Builds the cache key from the call, e.g. `c => \`Book:${c.args[0].id}>owner\``. `Main>field` stores the
   * value in field `field` of hash `Main`; without `>` the field is `base`. Required.
   */
  key: (c: Container<Args, This>) => string
  /**
   * The invalid keys this value depends on (e.g. `User:200`); saving that row removes the value. Runs after
   * the function, so `c.result` can be used. A throw or a malformed key leaves the value uncached.
   */
  invalidKeys?: (c: ResultContainer<Args, R, This>) => InvalidKeys
  /**
   * Models the value depends on as a whole (lists, counts, aggregates): each listed model's model-level
   * key (`'Book'` for `'Book'` or the class `Book`) becomes an invalid key of every entry. Adapters
   * invalidate that key on any change of a row of the model, so the entry is removed whenever any Book
   * changes; `cm.invalidateModel(Book)` removes it too. Adapters also warn about listed models their ORM
   * does not know. Validated when decorating (`E_INVALID_OPTION`).
   */
  invalidModels?: readonly ModelRef[]
  /**
   * Many-to-many relations the value depends on as a whole, named `'Owner.property'` (`'Book.users'`):
   * each becomes an invalid key of every entry, and adapters invalidate it on any change of that
   * relation's junction rows. (A class is accepted; its name is used as the key.)
   */
  invalidM2mModels?: readonly ModelRef[]
  /**
   * Called on every hit with the full key (prefix included, as in the `hit` event: `'CM:Book:1'`), the
   * value and the container. Exceptions are reported, not thrown.
   */
  hit?: (key: string, result: R, c: Container<Args, This>) => void
  /**
   * Called on every miss, before the function runs, with the full key (prefix included) and the
   * container. Exceptions are reported, not thrown.
   */
  miss?: (key: string, c: Container<Args, This>) => void
  /** Tag to find this function's keys with `cm.tags.get(tag)`. Default: function name, `Class.method` for methods. */
  tag?: string
  /** `true`, or a callback evaluated on every call: skip the cache and just run the function. */
  skip?: boolean | ((c: Container<Args, This>) => boolean)
  /**
   * Seconds to live (fractions allowed). It is the TTL of the main hash key, shared by its fields
   * (seed semantics); a write never extends the life of a sibling field. Default: no expiry.
   */
  timeout?: number
  /**
   * Cross-process stampede protection: on a miss, one process computes while others wait (bounded) for
   * its value. `true` uses the defaults (`ttlMs` 10 s, `waitMs` 5 s). Costs extra round trips on misses.
   * Default: off (concurrent misses are still deduplicated within one process).
   */
  lock?: boolean | LockOptions
}

/** A decorated function's normalized definition (internal: built by the instance when decorating). */
export interface CachedDefinition {
  readonly options: CachemeOptions<readonly unknown[], unknown, unknown>
  readonly tag: string
  /** Invalid keys every entry gets, from `invalidModels` / `invalidM2mModels` (validated). */
  readonly modelKeys: readonly string[]
}

/** The per-call container as core fills it (internal; callbacks see the read-only {@link Container}). */
export interface MutableContainer {
  args: readonly unknown[]
  self: unknown
  result?: unknown
}
