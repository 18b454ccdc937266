/**
 * The two ends of a cached value in the cached-call path: decoding a stored payload (an undecodable one
 * is a miss, recomputed and overwritten) and building + sending the guarded write of a computed one
 * (its invalid keys, tag and TTL).
 *
 * Failures never throw to the caller: a throwing `invalidKeys` callback, a malformed invalid key, a value
 * the serializer refuses and a failed write are reported, and the value is simply not cached — the
 * write returns why ({@link NotStored}), which the `miss` event carries.
 *
 * A result holding instances of classes the serializer does not register is stored, but a hit returns
 * plain objects where the miss returned class instances: warned once per tag (`W_UNREGISTERED_CLASS`).
 */
import { CachemeError, quote, toError } from './errors.js'
import type { Events, NotStoredReason } from './events.js'
import { writeGuards } from './guard-names.js'
import { type KeySpace, normalizeInvalidKeys } from './key.js'
import type { KeyRendering } from './key-rendering.js'
import type { CachedDefinition, MutableContainer } from './options.js'
import type { ResilientStorage } from './resilience/resilient-storage.js'
import type { Serializer } from './serialization/serializer.js'
import type { EntryRef } from './storage/storage.js'

/** What {@link ValueWriter.decode} returns for a payload that cannot be decoded. */
export const UNDECODABLE: unique symbol = Symbol('cacheme.undecodable')

/** Why a write stored nothing: the `miss` event's `reason`, and the error behind it. */
export interface NotStored {
  readonly reason: NotStoredReason
  readonly error?: Error
}

const RACE_GUARD: NotStored = Object.freeze({ reason: 'race-guard' })

/** What values are read from and written with: the storage layer, keys, serializer and events. */
export interface ValueParts {
  readonly storage: ResilientStorage
  readonly keys: KeySpace
  readonly serializer: Serializer
  /** Largest payload written, in UTF-8 bytes (`maxValueBytes`). */
  readonly maxValueBytes: number
  readonly events: Events
}

/** Decodes and writes cached values for one instance. */
export class ValueWriter {
  readonly #parts: ValueParts
  /** Tags already warned about unregistered classes (they are not asked to report again). */
  readonly #warned = new Set<string>()
  /** Class names the serializer reported during the current (synchronous) `serialize` call. */
  readonly #flattened: string[] = []
  /** Of those, the ones registering would not help (Errors: message and stack are not enumerable). */
  readonly #unregistrable: string[] = []
  readonly #report = {
    flattened: (name: string, registrable: boolean): void => {
      const list = registrable ? this.#flattened : this.#unregistrable
      if (!list.includes(name)) list.push(name)
    },
  }

  readonly #rendering: KeyRendering

  /** @param rendering checks the invalid keys the `invalidKeys` callback returns (`key-rendering.ts`). */
  constructor(parts: ValueParts, rendering: KeyRendering) {
    this.#parts = parts
    this.#rendering = rendering
  }

  /**
   * Decodes a stored payload; an undecodable one is reported and returns {@link UNDECODABLE} (the caller
   * treats it as a miss, and the write overwrites it). A sentinel rather than a result object: this runs
   * on every hit.
   */
  decode(payload: string, entry: EntryRef): unknown {
    try {
      return this.#parts.serializer.deserialize(payload)
    } catch (error) {
      this.#parts.events.report(
        new CachemeError(
          'E_DESERIALIZATION',
          `cached payload of ${quote(entry.fullKey)} could not be decoded → it is recomputed and overwritten.`,
          { cause: error },
        ),
        'deserialize',
        entry.fullKey,
      )
      return UNDECODABLE
    }
  }

  /**
   * Writes a computed value with its dependencies, checked by the race guard against `seq`.
   * @returns the payload stored when the value was stored (and the guard accepted it), else why not.
   */
  async write(
    definition: CachedDefinition,
    entry: EntryRef,
    c: MutableContainer,
    result: unknown,
    seq: number,
  ): Promise<string | NotStored> {
    const { storage, keys, serializer, events } = this.#parts
    const { options, tag } = definition
    let invalidKeys: string[]
    try {
      const own = options.invalidKeys ? normalizeInvalidKeys(options.invalidKeys(c as never)) : []
      for (const key of own) this.#rendering.check(key, 'invalid key', tag)
      invalidKeys = definition.modelKeys.length === 0 ? own : [...new Set([...own, ...definition.modelKeys])]
    } catch (error) {
      // Without its dependencies the value could never be invalidated: do not cache it.
      const wrapped = wrapCallbackError(error, 'invalidKeys', tag)
      events.report(wrapped, 'invalidKeys', entry.fullKey)
      return { reason: 'invalid-keys', error: wrapped }
    }
    let payload: string
    const report = this.#warned.has(tag) ? undefined : this.#report
    try {
      payload = serializer.serialize(result, report)
    } catch (error) {
      this.#flattened.length = 0
      this.#unregistrable.length = 0
      const wrapped = new CachemeError(
        'E_SERIALIZATION',
        `the result for ${quote(entry.fullKey)} cannot be serialized: ${toError(error).message} → return plain data, or configure a 'serializer' that supports it.`,
        { cause: error },
      )
      events.report(wrapped, 'serialize', entry.fullKey)
      return { reason: 'unserializable', error: wrapped }
    }
    if (tooLarge(payload, this.#parts.maxValueBytes)) {
      this.#flattened.length = 0
      this.#unregistrable.length = 0
      const bytes = Buffer.byteLength(payload)
      const wrapped = new CachemeError(
        'E_SERIALIZATION',
        `the result for ${quote(entry.fullKey)} is ${bytes} bytes serialized, more than 'maxValueBytes' (${this.#parts.maxValueBytes}) → cache a smaller value (a page, the ids), or raise 'maxValueBytes'. It was returned, not cached.`,
        { details: { key: entry.fullKey, bytes } },
      )
      events.report(wrapped, 'serialize', entry.fullKey)
      return { reason: 'unserializable', error: wrapped }
    }
    if (this.#flattened.length > 0 || this.#unregistrable.length > 0) this.#warnFlattened(tag, entry.fullKey)
    const sets = invalidKeys.map((invalid) => keys.invalidSet(invalid))
    sets.push(keys.tagSet(tag))
    const ttlMs = options.timeout === undefined ? undefined : Math.max(1, Math.round(options.timeout * 1000))
    try {
      const request = { entry, payload, ttlMs, sets, guards: writeGuards(invalidKeys, tag), seq }
      return (await storage.write(request)) ? payload : RACE_GUARD
    } catch (error) {
      if (!CachemeError.is(error, 'E_STORAGE_UNSUPPORTED')) events.report(error, 'write', entry.fullKey)
      return { reason: 'storage-error', error: toError(error) }
    }
  }

  /** Warns (once for `tag`) that its results hold instances of unregistered classes. */
  #warnFlattened(tag: string, fullKey: string): void {
    const names = this.#flattened.splice(0)
    const errors = this.#unregistrable.splice(0)
    this.#warned.add(tag)
    const quoted = (list: readonly string[]) => list.map((name) => `'${name}'`).join(', ')
    const entries = names.map((name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}': ${name}`))
    const fixes: string[] = []
    if (names.length > 0) {
      fixes.push(
        `register ${names.length === 1 ? 'it' : 'them'}, e.g. createCacheme({ serializer: defaultSerializer({ classes: { ${entries.join(', ')} } }) }), or return plain data`,
      )
    }
    if (errors.length > 0) {
      fixes.push(
        `return errors as plain data (e.g. { message: error.message }): their message and stack are not stored`,
      )
    }
    this.#parts.events.warn({
      code: 'W_UNREGISTERED_CLASS',
      tag,
      key: fullKey,
      message: `the result of ${quote(tag)} (key ${quote(fullKey)}) holds instances of ${quoted([...names, ...errors])}, which the serializer does not register: a hit returns plain objects of their own enumerable properties (no methods, getters or instanceof) → ${fixes.join('; ')}. (Warned once per tag.)`,
    })
  }
}

/** True when `payload` is longer than `max` UTF-8 bytes (counted only when it may be: ≤ 3 bytes per unit). */
function tooLarge(payload: string, max: number): boolean {
  return payload.length * 3 > max && (payload.length > max || Buffer.byteLength(payload) > max)
}

/** A user callback's error as `E_CALLBACK` (a CachemeError it threw is kept as is). */
export function wrapCallbackError(error: unknown, callback: string, where: string): CachemeError {
  if (CachemeError.is(error)) return error
  return new CachemeError(
    'E_CALLBACK',
    `the '${callback}' callback for ${quote(where)} threw: ${toError(error).message} → fix the callback; the value was still returned to the caller.`,
    { cause: error },
  )
}
