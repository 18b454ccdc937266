/**
 * `createCacheme(config)` — one cacheme instance: decorator factory, tags, invalidation, events and
 * adapters, over one storage and prefix.
 *
 * An instance is immutable: its storage, prefix, serializer and every other setting are fixed when it is
 * created (they live in its runtime, `runtime.ts`). Several instances can coexist (different prefixes or
 * storages). The module-level helpers (`cacheme`, `configure`, `invalidate`, `cachemeTags`) use a default
 * instance, the one exception: its `configure()` may replace the runtime until the first storage I/O (see
 * `default-instance.ts`), which is why the methods below read `#runtime` at call time.
 */
import type { AdapterContext, CachemeAdapter, Detach } from './adapter/contract.js'
import { adapterContext } from './adapter-context.js'
import { AttachedAdapters } from './attached-adapters.js'
import { type CachemeConfig, type ResolvedConfig, resolveConfig } from './config.js'
import {
  type Cached,
  type CachemeDecorator,
  createDecorator,
  type DecoratorHost,
  type FunctionType,
  type ThisOfFunction,
} from './decorator.js'
import { CachemeError, quote } from './errors.js'
import { type CachemeEventName, type CachemeListener, Events, type InvalidationCause } from './events.js'
import type { Inspector } from './inspection/inspector.js'
import type { PatternOptions, PatternResult } from './invalidation/pattern-run.js'
import { normalizeInvalidKeys } from './key.js'
import type { L1Status } from './l1/l1.js'
import { declaredKey, type ModelRef, modelName } from './model-ref.js'
import type { CachedDefinition, CachemeOptions } from './options.js'
import { Counters } from './records/counters.js'
import { Journal, type JournalOptions } from './records/journal.js'
import { buildRuntime, type Runtime } from './runtime.js'
import { TagRegistry } from './tag-registry.js'

/** Set in a static block: the one door to `#replace`, for `default-instance.ts` only. */
let replaceUnused: ((cm: Cacheme, config: CachemeConfig) => void) | undefined

/** A cacheme instance. Create with {@link createCacheme}. */
export class Cacheme {
  /** The tags of this instance. */
  readonly tags: TagRegistry
  #runtime: Runtime
  readonly #events: Events
  readonly #models = new Set<string>()
  readonly #m2mModels = new Set<string>()
  readonly #adapters = new AttachedAdapters()

  static {
    replaceUnused = (cm, config) => cm.#replace(config)
  }

  /** @throws CachemeError `E_INVALID_OPTION` naming the offending option. */
  constructor(config: CachemeConfig = {}) {
    this.#events = new Events(() => this.#runtime.config.logger)
    this.#runtime = buildRuntime(resolveConfig(config, undefined), this.#events, () => this.tags.list())
    this.tags = new TagRegistry({
      keys: async (tag) => {
        const { config, storage, keys } = this.#runtime
        return config.enabled ? storage.liveMembers(keys.tagSet(tag)) : []
      },
      invalidate: (tag) => this.#runtime.invalidations.tag(tag),
    })
  }

  /** The effective configuration (every default applied). Fixed for the life of the instance. */
  get config(): Readonly<ResolvedConfig> {
    return this.#runtime.config
  }

  /**
   * Caches a function or method. Use as a decorator (legacy or TC39) or as a wrapper.
   *
   * A decorator cannot infer types from the method it decorates, so spell them out — either the method's
   * own type as the one type argument (`c.args`, `c.result` and, when the type declares `this`, `c.self`
   * follow from it), or `<Args, R, This>`. In both forms the decorated method is checked against them.
   * `cm.wrap(fn, options)` infers everything from `fn` instead.
   * @example
   * class BookSerializer {
   *   @cm.cacheme<BookSerializer['getOwner']>({ key: (c) => `Book:${c.args[0].id}>owner` })
   *   async getOwner(book: Book): Promise<Owner> { ... }
   * }
   * const getUser = cm.cacheme<[id: number], User>({ key: (c) => `User:${c.args[0]}` })(loadUser)
   */
  cacheme<Args extends readonly unknown[] = unknown[], R = unknown, This = unknown>(
    options: CachemeOptions<Args, R, This>,
  ): CachemeDecorator<Args, R, This>
  /** `cm.cacheme<Method>(options)`: typed from the function type `Method` (see the first form). */
  cacheme<F extends FunctionType>(
    options: CachemeOptions<Parameters<F>, Awaited<ReturnType<F>>, ThisOfFunction<F>>,
  ): CachemeDecorator<Parameters<F>, Awaited<ReturnType<F>>, ThisOfFunction<F>>
  cacheme(
    options: CachemeOptions<readonly unknown[], unknown, unknown>,
  ): CachemeDecorator<readonly unknown[], unknown, unknown> {
    return createDecorator(this.#host(), options)
  }

  /**
   * Wraps `fn`, inferring the container's types from it (the friendliest form in TypeScript).
   * @example
   * const getBook = cm.wrap(async (id: number) => db.book(id), { key: (c) => `Book:${c.args[0]}` })
   */
  wrap<F extends (this: never, ...args: never[]) => unknown>(
    fn: F,
    options: CachemeOptions<Parameters<F>, Awaited<ReturnType<F>>, ThisParameterType<F>>,
  ): Cached<F> {
    return (createDecorator(this.#host(), options) as (f: F) => Cached<F>)(fn)
  }

  /**
   * Removes every entry registered under each invalid key (the set `P+I+':invalid'`), then the sets.
   * Storage trouble never throws: the invalidation is queued and retried, and the cache is bypassed until
   * it is delivered.
   * @returns the number of entries removed.
   * @throws CachemeError `E_INVALID_KEY` for malformed keys.
   */
  async invalidate(
    keys: string | readonly string[],
    cause: InvalidationCause = { kind: 'manual' },
  ): Promise<number> {
    return this.#runtime.invalidations.keys(normalizeInvalidKeys(keys), cause)
  }

  /**
   * For changes no hook can see (raw SQL, another service): removes every entry registered under any
   * invalid key of `model` (`<model>:*`) and under the model-level key `<model>`.
   */
  async invalidateModel(model: ModelRef, cause: InvalidationCause = { kind: 'model' }): Promise<number> {
    const name = modelName(model)
    return this.#runtime.invalidations.model(name, { ...cause, entity: name })
  }

  /**
   * Deletes keys matching a Redis glob pattern **under the prefix** (cacheme's meta keys are never
   * touched), in bounded SCAN / UNLINK / drain steps that never block Redis for long (`pattern-run.ts`),
   * reporting progress (`onProgress`) and stopping between steps when `signal` aborts. Use `{ dryRun:
   * true }` first to count and sample what would go.
   * @throws CachemeError `E_INVALID_PATTERN` (empty, over-long, unclosed `[`, ...), `E_INVALID_OPTION`,
   *   `E_STORAGE_UNAVAILABLE` / `E_STORAGE_TIMEOUT` (never queued: an explicit admin call)
   */
  async invalidatePattern(pattern: string, options: PatternOptions = {}): Promise<PatternResult> {
    return this.#runtime.invalidations.pattern(pattern, options)
  }

  /**
   * Removes every entry indexed under tag `name`, registered in this process or not (an admin process
   * may serve tags only other processes register). A no-op for a tag with no entries.
   * @returns entries removed (0 when the storage was unreachable: the invalidation is then queued).
   * @throws CachemeError `E_UNKNOWN_TAG` for a name that is not a non-empty string.
   */
  async invalidateTag(name: string): Promise<number> {
    if (typeof name !== 'string' || name.length === 0) {
      throw new CachemeError(
        'E_UNKNOWN_TAG',
        `tag ${quote(name)} is not a non-empty string → pass a tag name.`,
      )
    }
    return this.#runtime.invalidations.tag(name)
  }

  /** Read-only introspection of what this instance cached (tags, entries, keys, dependents). */
  get inspector(): Inspector {
    return this.#runtime.inspector
  }

  /**
   * A bounded list of records (strings) kept under the prefix's meta namespace, e.g. an audit history.
   * @throws CachemeError `E_INVALID_OPTION` for a bad name or `maxEntries`.
   */
  journal(name: string, options: JournalOptions = {}): Journal {
    return new Journal(this.#runtime.storage, this.#runtime.keys, name, options)
  }

  /**
   * A series of integer counters per bucket, kept under the prefix's meta namespace (e.g. statistics).
   * @throws CachemeError `E_INVALID_OPTION` for a bad name.
   */
  counters(name: string): Counters {
    return new Counters(this.#runtime.storage, this.#runtime.keys, name)
  }

  /**
   * Checks the storage: resolves once it answered and supports cacheme (RedisStorage: Redis ≥ 7.0 on
   * every master). The check runs once per instance, before its first storage operation, whether or not
   * you call this; `ready()` lets you await it at startup or in a health check. Resolves at once when the
   * instance is disabled.
   * @throws CachemeError `E_STORAGE_UNSUPPORTED` (server too old; cached calls then bypass the cache),
   *   `E_STORAGE_UNAVAILABLE` / `E_STORAGE_TIMEOUT` (not reachable now; checked again next time).
   */
  async ready(): Promise<void> {
    const { config, storage, l1 } = this.#runtime
    if (!config.enabled) return
    l1?.start()
    await storage.ready()
  }

  /**
   * The in-process tier's state (`l1` option), or `undefined` when it is off. It subscribes to the
   * storage's invalidation notices on the first cached call (or `ready()`) and serves once that
   * subscription is confirmed (`state: 'ready'`; the `l1` event tells each change).
   */
  get l1(): L1Status | undefined {
    return this.#runtime.l1?.status
  }

  /** Subscribes to `hit`, `miss`, `invalidate`, `error` or `l1`. Returns an unsubscribe function. */
  on<E extends CachemeEventName>(event: E, listener: CachemeListener<E>): () => void {
    return this.#events.on(event, listener)
  }

  /** Removes a listener. */
  off<E extends CachemeEventName>(event: E, listener: CachemeListener<E>): void {
    this.#events.off(event, listener)
  }

  /**
   * Attaches an ORM adapter: from now on its change events invalidate (after commit).
   * @returns a function that detaches it (after which the same ORM object may be attached again).
   * @throws CachemeError `E_ADAPTER` when the adapter fails to attach, or when it — or another adapter of
   *   the same kind for the same ORM object (`adapter.source`) — is attached to this instance already:
   *   every change would be invalidated twice.
   */
  async attach(adapter: CachemeAdapter): Promise<Detach> {
    return this.#adapters.attach(adapter, this.#adapterContext(), this.#runtime.config.prefix)
  }

  /** Number of invalidations waiting for the storage to come back. */
  get pendingInvalidations(): number {
    return this.#runtime.invalidations.pending
  }

  /** Tries to deliver pending invalidations now. @returns `true` when nothing is pending any more. */
  async flushPendingInvalidations(): Promise<boolean> {
    return this.#runtime.invalidations.drain()
  }

  /**
   * Detaches every adapter, stops retry timers and closes the in-process tier's subscription. Does not
   * close the Redis client (you own it).
   */
  async close(): Promise<void> {
    await this.#adapters.detachAll()
    this.#runtime.invalidations.stop()
    await this.#runtime.l1?.close()
  }

  /**
   * The default instance's `configure()`: a new runtime from `config` merged over the current one.
   * @throws CachemeError `E_CONFIG_LOCKED` once the storage was used.
   */
  #replace(config: CachemeConfig): void {
    const current = this.#runtime
    if (current.storage.used) {
      throw new CachemeError(
        'E_CONFIG_LOCKED',
        `configure(${quote(config)}) was called after the default instance used its storage (prefix ${quote(current.config.prefix)}) → call configure() once at startup, before the first cached call or invalidation, or create your own instance with createCacheme(config).`,
      )
    }
    const next = buildRuntime(resolveConfig(config, current.config), this.#events, () => this.tags.list())
    current.invalidations.stop()
    void current.l1?.close() // never started: the storage was not used
    this.#runtime = next
  }

  #host(): DecoratorHost {
    return {
      call: (definition, self, args, fn) => this.#runtime.calls.call(definition, self, args, fn),
      define: (options, defaultTag): CachedDefinition => {
        const tag = options.tag ?? defaultTag
        const models = (options.invalidModels ?? []).map((model) => declaredKey(model, 'invalidModels'))
        const m2m = (options.invalidM2mModels ?? []).map((model) => declaredKey(model, 'invalidM2mModels'))
        this.tags.register(tag)
        for (const name of models) this.#models.add(name)
        for (const name of m2m) this.#m2mModels.add(name)
        return { options, tag, modelKeys: [...new Set([...models, ...m2m])] }
      },
    }
  }

  #adapterContext(): AdapterContext {
    return adapterContext({
      current: () => ({ invalidations: this.#runtime.invalidations, logger: this.#runtime.config.logger }),
      events: this.#events,
      models: this.#models,
      m2mModels: this.#m2mModels,
    })
  }
}

/** Creates a cacheme instance. @example const cm = createCacheme({ storage: new RedisStorage(new Redis()) }) */
export function createCacheme(config: CachemeConfig = {}): Cacheme {
  return new Cacheme(config)
}

/**
 * The default instance's `configure()` (internal: not exported from the package).
 * @throws CachemeError `E_CONFIG_LOCKED` after the instance's first storage I/O.
 */
export function configureUnused(cm: Cacheme, config: CachemeConfig): void {
  replaceUnused?.(cm, config)
}
