/**
 * `createCacheme(config)` — one cacheme instance: configuration, decorator factory, tags, invalidation,
 * events and adapters. Several instances can coexist (different prefixes or storages); the module-level
 * helpers (`cacheme`, `configure`, `invalidate`, `cachemeTags`) use a default instance.
 */
import type { AdapterContext, CachemeAdapter, Detach, ModelRef } from './adapter/contract.js'
import { CachedCalls, type CachedDefinition } from './cached-call.js'
import { type CachemeConfig, resolveConfig } from './config.js'
import { type Cached, type CachemeDecorator, createDecorator, type DecoratorHost } from './decorator.js'
import type { Engine, ResolvedConfig } from './engine.js'
import { CachemeError, quote, toError } from './errors.js'
import {
  type CachemeEventName,
  type CachemeEvents,
  type CachemeListener,
  Emitter,
  type InvalidationCause,
} from './events.js'
import { Invalidator, type PatternResult } from './invalidation/invalidator.js'
import { normalizeInvalidKeys } from './key.js'
import type { CachemeOptions } from './options.js'
import { CircuitBreaker, withTimeout } from './storage/resilient-storage.js'
import type { CacheStorage, MetaKeys } from './storage/storage.js'
import { TagRegistry } from './tag-registry.js'

/** A cacheme instance. Create with {@link createCacheme}. */
export class Cacheme {
  /** The tags of this instance. */
  readonly tags: TagRegistry
  #config!: ResolvedConfig
  #breaker!: CircuitBreaker
  readonly #events: Emitter
  readonly #invalidator: Invalidator
  readonly #calls: CachedCalls
  readonly #models = new Set<string>()
  readonly #m2mModels = new Set<string>()
  readonly #adapters = new Set<Detach>()
  /** Deliveries adapters did not wait for (`delivery: 'background'`); cached reads wait for them. */
  readonly #background = new Set<Promise<void>>()
  #epoch = 0

  constructor(config: CachemeConfig = {}) {
    this.#events = new Emitter(() => this.#config.logger)
    this.#apply(config, undefined)
    const engine = this.#engine()
    this.#invalidator = new Invalidator(engine)
    this.#calls = new CachedCalls(engine)
    this.tags = new TagRegistry(engine, this.#invalidator)
  }

  /** The effective configuration. */
  get config(): Readonly<ResolvedConfig> {
    return this.#config
  }

  /**
   * Changes configuration in place. Decorated functions, tags and adapters keep working: they read the
   * configuration at call time (so decorating before configuring works).
   */
  configure(config: CachemeConfig): this {
    this.#apply(config, this.#config)
    return this
  }

  /**
   * Caches a function or method. Use as a decorator (legacy or TC39) or as a wrapper:
   * @example
   * const getUser = cm.cacheme<[id: number], User>({ key: (c) => `User:${c.args[0]}`, invalidKeys: (c) => [`User:${c.args[0]}`] })(loadUser)
   */
  cacheme<Args extends readonly unknown[] = unknown[], R = unknown, This = unknown>(
    options: CachemeOptions<Args, R, This>,
  ): CachemeDecorator<Args, R, This> {
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
    return this.#invalidator.keys(normalizeInvalidKeys(keys), cause)
  }

  /**
   * For changes no hook can see (raw SQL, another service): removes every entry registered under any
   * invalid key of `model` (`<model>:*`) and under the model-level key `<model>`.
   */
  async invalidateModel(model: ModelRef, cause: InvalidationCause = { kind: 'model' }): Promise<number> {
    const name = modelName(model)
    return this.#invalidator.model(name, { ...cause, entity: name })
  }

  /**
   * Deletes keys matching a Redis glob pattern **under the prefix** (SCAN + UNLINK in batches; cacheme's
   * meta keys are never touched). Use `{ dryRun: true }` first to see what would go.
   * @throws CachemeError `E_INVALID_PATTERN`, `E_STORAGE_UNAVAILABLE`
   */
  async invalidatePattern(pattern: string, options: { dryRun?: boolean } = {}): Promise<PatternResult> {
    if (!this.#config.enabled) return { matched: 0, deleted: 0, sample: [] }
    return this.#invalidator.pattern(pattern, options.dryRun === true)
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
    return this.#invalidator.pending
  }

  /** Tries to deliver pending invalidations now. @returns `true` when nothing is pending any more. */
  async flushPendingInvalidations(): Promise<boolean> {
    return this.#invalidator.drain()
  }

  /** Detaches every adapter and stops retry timers. Does not close the Redis client (you own it). */
  async close(): Promise<void> {
    await Promise.all([...this.#adapters].map((detach) => detach()))
    this.#invalidator.stop()
  }

  #apply(config: CachemeConfig, previous: ResolvedConfig | undefined): void {
    this.#config = resolveConfig(config, previous)
    this.#breaker = new CircuitBreaker(this.#config.breakerThreshold, this.#config.breakerCooldownMs)
  }

  #engine(): Engine {
    const self = this
    return {
      get config() {
        return self.#config
      },
      get epoch() {
        return self.#epoch
      },
      bumpEpoch: () => {
        this.#epoch += 1
      },
      get storageUsable() {
        return self.#breaker.allows && self.#invalidator.pending === 0
      },
      run: <T>(name: string, operation: (storage: CacheStorage, meta: MetaKeys) => Promise<T>): Promise<T> =>
        this.#run(name, operation),
      emit: <E extends CachemeEventName>(event: E, payload: CachemeEvents[E]) =>
        this.#events.emit(event, payload),
      report: (error, operation, key) => this.#report(error, operation, key),
      backgroundDeliveries: () =>
        this.#background.size === 0 ? undefined : Promise.all(this.#background).then(() => undefined),
    }
  }

  async #run<T>(name: string, operation: (storage: CacheStorage, meta: MetaKeys) => Promise<T>): Promise<T> {
    const { storage, meta, operationTimeoutMs } = this.#config
    if (!this.#breaker.allows) {
      throw new CachemeError(
        'E_STORAGE_UNAVAILABLE',
        `storage operation '${name}' skipped: the circuit breaker is open after repeated failures → check Redis; it is retried automatically.`,
      )
    }
    try {
      const result = await withTimeout(() => operation(storage, meta), operationTimeoutMs, name)
      this.#breaker.success()
      return result
    } catch (error) {
      this.#breaker.failure()
      throw error
    }
  }

  #report(error: unknown, operation: string, key?: string): void {
    const err = toError(error)
    this.#config.logger.error({ err, operation, key }, `cacheme: ${operation} failed: ${err.message}`)
    this.#events.emit('error', key === undefined ? { error: err, operation } : { error: err, operation, key })
  }

  #host(): DecoratorHost {
    return {
      calls: this.#calls,
      define: (options, defaultTag): CachedDefinition => {
        const tag = options.tag ?? defaultTag
        this.tags.register(tag)
        for (const model of options.invalidModels ?? []) this.#models.add(modelName(model))
        for (const model of options.invalidM2mModels ?? []) this.#m2mModels.add(modelName(model))
        return { options, tag }
      },
    }
  }

  #adapterContext(): AdapterContext {
    const self = this
    return {
      get logger() {
        return self.#config.logger
      },
      // Never reject: an adapter runs after COMMIT, where throwing would fail a request whose data is
      // already committed. Malformed keys are reported and skipped; storage trouble is queued.
      invalidate: async (keys, cause) => {
        const valid: string[] = []
        for (const key of keys) {
          try {
            valid.push(...normalizeInvalidKeys(key))
          } catch (error) {
            this.#report(error, 'adapter-invalidate')
          }
        }
        await this.#invalidator.keys([...new Set(valid)], cause)
      },
      invalidateModel: async (model, cause) => {
        if (typeof model !== 'string' || model.length === 0) {
          this.#report(
            new CachemeError('E_INVALID_KEY', `model name ${quote(model)} is empty → pass the entity name.`),
            'adapter-invalidate',
          )
          return
        }
        await this.#invalidator.model(model, { ...cause, entity: model })
      },
      declaredModels: () => ({ models: this.#models, m2mModels: this.#m2mModels }),
      background: (delivery) => {
        const tracked: Promise<void> = delivery
          .catch((error: unknown) => this.#report(error, 'background-invalidate'))
          .finally(() => this.#background.delete(tracked))
        this.#background.add(tracked)
      },
    }
  }
}

/** Creates a cacheme instance. @example const cm = createCacheme({ storage: new RedisStorage(new Redis()) }) */
export function createCacheme(config: CachemeConfig = {}): Cacheme {
  return new Cacheme(config)
}

function modelName(model: ModelRef): string {
  const name = typeof model === 'string' ? model : model?.name
  if (typeof name !== 'string' || name.length === 0) {
    throw new CachemeError(
      'E_INVALID_OPTION',
      `model ${quote(model)} has no name → pass the model's name or its class.`,
    )
  }
  return name
}
