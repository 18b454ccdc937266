/**
 * One cached call: read → (hit | compute → write) with the race guard, stampede protection and fail-open.
 *
 * Round trips on a single Redis: a hit is one (`read`); a miss is two (`read`, then `write`, which stores
 * value + invalid-set memberships + tag + TTL and checks the race guard in one script). The write has
 * completed when the call resolves, so the next call, from any process, hits.
 *
 * Stampede: concurrent calls for the same full key in this process share one computation (they are
 * reported as hits). There is no cross-process lock; a stampede across processes computes once per process.
 *
 * Failure policy (fail open): storage errors, timeouts, an open breaker, undecodable payloads, serializer
 * errors and throwing `hit`/`miss`/`invalidKeys`/`skip` callbacks are reported (`error` event + logger) and
 * the caller still gets the function's value. Only an invalid cache key (or a throwing `key` callback)
 * throws, because then there is no way to know what to cache. The function's own errors propagate and
 * nothing is cached.
 */
import type { Engine } from './engine.js'
import { CachemeError, quote, toError } from './errors.js'
import { writeGuards } from './guard-names.js'
import { entryRef, invalidSetKey, lockKey, normalizeInvalidKeys, tagSetKey } from './key.js'
import type { CachemeOptions, Container } from './options.js'
import { lockOrWait, release } from './stampede-lock.js'
import type { EntryRef } from './storage/storage.js'

/** A decorated function's normalized definition. */
export interface CachedDefinition {
  readonly options: CachemeOptions<readonly unknown[], unknown, unknown>
  readonly tag: string
}

interface MutableContainer {
  args: readonly unknown[]
  self: unknown
  result?: unknown
}

/** A computation in progress, with what it observed before starting (see `#lookup`). */
interface Flight {
  readonly work: Promise<unknown>
  /** Local invalidation epoch when it started. */
  readonly epoch: number
  /** Invalidation sequence its read returned (`undefined` when the storage was not used). */
  readonly snapshot: number | undefined
}

/** Runs `fn` through the cache. Shared by every decorator style and the wrapper. */
export class CachedCalls {
  readonly #engine: Engine
  /** In-flight computations by full key (stampede protection). */
  readonly #inflight = new Map<string, Flight>()

  constructor(engine: Engine) {
    this.#engine = engine
  }

  async call(
    definition: CachedDefinition,
    self: unknown,
    args: readonly unknown[],
    fn: (this: unknown, ...args: readonly unknown[]) => unknown,
  ): Promise<unknown> {
    const { config } = this.#engine
    if (!config.enabled) return Reflect.apply(fn, self, args)
    const { options, tag } = definition
    const c: MutableContainer = { args, self, result: undefined }
    if (this.#skips(options, c, tag)) return Reflect.apply(fn, self, args)

    let key: unknown
    try {
      key = options.key(c as Container<readonly unknown[], unknown>)
    } catch (error) {
      throw new CachemeError(
        'E_INVALID_KEY',
        `the 'key' callback of tag ${quote(tag)} threw: ${toError(error).message} → make it return a string for every call (or use 'skip' for calls that must not be cached).`,
        { cause: error },
      )
    }
    const entry = entryRef(config.prefix, key)
    return this.#lookup(definition, entry, key as string, c, fn)
  }

  /**
   * Read, then (on a miss) join a computation of the same key already running in this process — only when
   * no invalidation happened since it began — or compute.
   */
  async #lookup(
    definition: CachedDefinition,
    entry: EntryRef,
    key: string,
    c: MutableContainer,
    fn: (this: unknown, ...args: readonly unknown[]) => unknown,
  ): Promise<unknown> {
    const engine = this.#engine
    const { options, tag } = definition

    // 0. Read-your-writes for background deliveries: a write this process made must be invalidated
    // before this process reads (free when nothing is in flight).
    const background = engine.backgroundDeliveries()
    if (background) await background

    // 1. Read (and snapshot the invalidation sequence in the same round trip).
    const epoch = engine.epoch
    let snapshot: number | undefined
    if (engine.storageUsable) {
      try {
        const read = await engine.run('read', (storage, meta) => storage.read(entry, meta))
        const cached = this.#decode(read.payload, entry)
        if (cached.hit) {
          this.#hit(options, key, tag, cached.value, c)
          return cached.value
        }
        snapshot = read.seq
      } catch (error) {
        engine.report(error, 'read', entry.fullKey)
      }
    }

    // 2. Stampede protection: join a running computation of this key if it is provably not older than any
    // invalidation this call must observe — same global invalidation sequence (no invalidation anywhere,
    // in any process, since it read) and same local epoch (none started here).
    const running = this.#inflight.get(entry.fullKey)
    if (running && running.epoch === epoch && running.snapshot === snapshot) {
      const value = await running.work
      this.#hit(options, key, tag, value, c)
      return value
    }
    const flight: Flight = {
      epoch,
      snapshot,
      work: this.#compute(definition, entry, key, c, fn, snapshot).finally(() => {
        if (this.#inflight.get(entry.fullKey) === flight) this.#inflight.delete(entry.fullKey)
      }),
    }
    this.#inflight.set(entry.fullKey, flight)
    return flight.work
  }

  /** A miss: optional cross-process lock, compute, guarded write. */
  async #compute(
    definition: CachedDefinition,
    entry: EntryRef,
    key: string,
    c: MutableContainer,
    fn: (this: unknown, ...args: readonly unknown[]) => unknown,
    seq: number | undefined,
  ): Promise<unknown> {
    const engine = this.#engine
    const { options, tag } = definition
    let snapshot = seq

    // 3. Optional cross-process stampede lock: compute once across processes, or wait for the value.
    let lockToken: string | undefined
    const lockOptions = options.lock === true ? {} : options.lock || undefined
    if (lockOptions && snapshot !== undefined && engine.storageUsable) {
      try {
        const outcome = await lockOrWait(
          engine,
          entry,
          lockKey(engine.config.prefix, key),
          lockOptions,
          snapshot,
        )
        if (outcome.kind === 'value') {
          const cached = this.#decode(outcome.payload, entry)
          if (cached.hit) {
            this.#hit(options, key, tag, cached.value, c)
            return cached.value
          }
        } else {
          snapshot = outcome.seq
          if (outcome.kind === 'owner') lockToken = outcome.token
        }
      } catch (error) {
        engine.report(error, 'lock', entry.fullKey)
      }
    }

    try {
      // 4. Compute. The function's own errors propagate; nothing is cached.
      this.#callback(() => options.miss?.(key, c as Container<readonly unknown[], unknown>), 'miss', key)
      const started = performance.now()
      const result = await Reflect.apply(fn, c.self, c.args)
      c.result = result

      // 5. Write, unless the read failed (no snapshot → the race guard cannot vouch for the value).
      let stored = false
      if (snapshot !== undefined && engine.storageUsable) {
        stored = await this.#write(definition, entry, c, result, snapshot)
      }
      engine.emit('miss', { key: entry.fullKey, tag, stored, durationMs: performance.now() - started })
      return result
    } finally {
      if (lockToken !== undefined) await release(engine, lockKey(engine.config.prefix, key), lockToken)
    }
  }

  /** Decodes a stored payload; an undecodable one is reported and treated as a miss (then overwritten). */
  #decode(payload: string | undefined, entry: EntryRef): { hit: true; value: unknown } | { hit: false } {
    if (payload === undefined) return { hit: false }
    try {
      return { hit: true, value: this.#engine.config.serializer.deserialize(payload) }
    } catch (error) {
      this.#engine.report(
        new CachemeError(
          'E_DESERIALIZATION',
          `cached payload of ${quote(entry.fullKey)} could not be decoded → it is recomputed and overwritten.`,
          { cause: error },
        ),
        'deserialize',
        entry.fullKey,
      )
      return { hit: false }
    }
  }

  async #write(
    definition: CachedDefinition,
    entry: EntryRef,
    c: MutableContainer,
    result: unknown,
    seq: number,
  ): Promise<boolean> {
    const engine = this.#engine
    const { prefix, serializer } = engine.config
    const { options, tag } = definition
    let invalidKeys: string[]
    try {
      invalidKeys = options.invalidKeys ? normalizeInvalidKeys(options.invalidKeys(c as never)) : []
    } catch (error) {
      // Without its dependencies the value could never be invalidated: do not cache it.
      engine.report(wrapCallbackError(error, 'invalidKeys', tag), 'invalidKeys', entry.fullKey)
      return false
    }
    let payload: string
    try {
      payload = serializer.serialize(result)
    } catch (error) {
      engine.report(
        new CachemeError(
          'E_SERIALIZATION',
          `the result for ${quote(entry.fullKey)} cannot be serialized: ${toError(error).message} → return plain data, or configure a 'serializer' that supports it.`,
          { cause: error },
        ),
        'serialize',
        entry.fullKey,
      )
      return false
    }
    const sets = invalidKeys.map((invalid) => invalidSetKey(prefix, invalid))
    sets.push(tagSetKey(prefix, tag))
    const ttlMs = options.timeout === undefined ? undefined : Math.max(1, Math.round(options.timeout * 1000))
    try {
      return await engine.run('write', (storage, meta) =>
        storage.write({ entry, payload, ttlMs, sets, guards: writeGuards(invalidKeys, tag), seq, meta }),
      )
    } catch (error) {
      engine.report(error, 'write', entry.fullKey)
      return false
    }
  }

  #skips(options: CachedDefinition['options'], c: MutableContainer, tag: string): boolean {
    const { skip } = options
    if (skip === undefined || skip === false) return false
    if (skip === true) return true
    try {
      return Boolean(skip(c as Container<readonly unknown[], unknown>))
    } catch (error) {
      // Unsure whether to cache: not caching is the safe answer.
      this.#engine.report(wrapCallbackError(error, 'skip', tag), 'skip')
      return true
    }
  }

  #hit(
    options: CachedDefinition['options'],
    key: string,
    tag: string,
    value: unknown,
    c: MutableContainer,
  ): void {
    this.#engine.emit('hit', { key: this.#engine.config.prefix + key, tag })
    this.#callback(() => options.hit?.(key, value, c as Container<readonly unknown[], unknown>), 'hit', key)
  }

  #callback(run: () => unknown, name: string, key: string): void {
    try {
      const returned = run()
      if (returned instanceof Promise) {
        returned.catch((error: unknown) =>
          this.#engine.report(wrapCallbackError(error, name, key), name, key),
        )
      }
    } catch (error) {
      this.#engine.report(wrapCallbackError(error, name, key), name, key)
    }
  }
}

function wrapCallbackError(error: unknown, callback: string, where: string): CachemeError {
  if (CachemeError.is(error)) return error
  return new CachemeError(
    'E_CALLBACK',
    `the '${callback}' callback for ${quote(where)} threw: ${toError(error).message} → fix the callback; the value was still returned to the caller.`,
    { cause: error },
  )
}
