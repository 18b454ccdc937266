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
import { type CachemeConfig, type ResolvedConfig, resolveConfig } from './config.js'
import {
  type Cached,
  type CachemeDecorator,
  createDecorator,
  type DecoratorHost,
  type FunctionType,
  type ThisOfFunction,
} from './decorator.js'
import { CachemeError, quote, toError } from './errors.js'
import { type CachemeEventName, type CachemeListener, Events, type InvalidationCause } from './events.js'
import type { PatternResult } from './invalidation/delivery.js'
import { assertInvalidKey, normalizeInvalidKeys } from './key.js'
import { type ModelRef, modelName } from './model-ref.js'
import type { CachedDefinition, CachemeOptions } from './options.js'
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
  readonly #adapters = new Set<Detach>()

  static {
    replaceUnused = (cm, config) => cm.#replace(config)
  }

  /** @throws CachemeError `E_INVALID_OPTION` naming the offending option. */
  constructor(config: CachemeConfig = {}) {
    this.#events = new Events(() => this.#runtime.config.logger)
    this.#runtime = buildRuntime(resolveConfig(config, undefined), this.#events)
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
   * Deletes keys matching a Redis glob pattern **under the prefix** (SCAN + UNLINK in batches; cacheme's
   * meta keys are never touched). Use `{ dryRun: true }` first to see what would go.
   * @throws CachemeError `E_INVALID_PATTERN`, `E_STORAGE_UNAVAILABLE`
   */
  async invalidatePattern(pattern: string, options: { dryRun?: boolean } = {}): Promise<PatternResult> {
    return this.#runtime.invalidations.pattern(pattern, options.dryRun === true)
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
    const { config, storage } = this.#runtime
    if (config.enabled) await storage.ready()
  }

  /** Subscribes to `hit`, `miss`, `invalidate` or `error`. Returns an unsubscribe function. */
  on<E extends CachemeEventName>(event: E, listener: CachemeListener<E>): () => void {
    return this.#events.on(event, listener)
  }

  /** Removes a listener. */
  off<E extends CachemeEventName>(event: E, listener: CachemeListener<E>): void {
    this.#events.off(event, listener)
  }

  /**
   * Attaches an ORM adapter: from now on its change events invalidate (after commit).
   * @returns a function that detaches it.
   */
  async attach(adapter: CachemeAdapter): Promise<Detach> {
    let detach: Detach
    try {
      detach = await adapter.attach(this.#adapterContext())
    } catch (error) {
      throw new CachemeError(
        'E_ADAPTER',
        `attaching the ${quote(adapter?.name)} adapter failed: ${toError(error).message} → see the cause.`,
        { cause: error },
      )
    }
    let detached = false
    const once: Detach = async () => {
      if (detached) return
      detached = true
      this.#adapters.delete(once)
      await detach()
    }
    this.#adapters.add(once)
    return once
  }

  /** Number of invalidations waiting for the storage to come back. */
  get pendingInvalidations(): number {
    return this.#runtime.invalidations.pending
  }

  /** Tries to deliver pending invalidations now. @returns `true` when nothing is pending any more. */
  async flushPendingInvalidations(): Promise<boolean> {
    return this.#runtime.invalidations.drain()
  }

  /** Detaches every adapter and stops retry timers. Does not close the Redis client (you own it). */
  async close(): Promise<void> {
    await Promise.all([...this.#adapters].map((detach) => detach()))
    this.#runtime.invalidations.stop()
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
    const next = buildRuntime(resolveConfig(config, current.config), this.#events)
    current.invalidations.stop()
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

/**
 * The invalid key a declared model or relation contributes to every entry of the function: its name
 * (`'Book'`, `Book` → `'Book'`; `'Book.users'`).
 * @throws CachemeError `E_INVALID_OPTION` for a nameless model or a reserved name.
 */
function declaredKey(model: ModelRef, option: string): string {
  const name = modelName(model)
  try {
    assertInvalidKey(name)
  } catch (error) {
    throw new CachemeError(
      'E_INVALID_OPTION',
      `'${option}' lists ${quote(name)}, which cannot be an invalid key: ${toError(error).message}`,
      { cause: error },
    )
  }
  return name
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
