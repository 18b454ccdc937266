/**
 * Serialization of cached values: the {@link Serializer} contract and the three serializers cacheme ships.
 *
 * - {@link defaultSerializer} (the default): type-faithful and fast. Values JSON can hold exactly, plus
 *   `Date`s, are written in the `cm2:` format (`tagged-json.ts`: JSON + the paths of the Dates, decoded
 *   with one `JSON.parse`); everything else (`Map`, `Set`, `BigInt`, `undefined`, typed arrays, `Buffer`,
 *   cycles, ...) in the `cm1:` devalue format (`devalue-format.ts`). It reads both, so every payload
 *   written by an earlier version (always `cm1:`) stays readable.
 * - {@link devalueSerializer}: always `cm1:` (the default of earlier versions).
 * - {@link jsonSerializer}: plain JSON for payloads other languages must read; loses types.
 *
 * Every payload carries a header, so a payload written by something else (another serializer, a future
 * format, corruption) is recognised as undecodable and treated as a miss — recomputed and overwritten —
 * instead of being served. No serializer ever evaluates code on read. See
 * docs/decisions/0002-serialization.md and 0018-hit-path.md.
 */
import { ClassRegistry, type RegisteredClass, type SerializeReport } from './class-registry.js'
import { DEVALUE_HEADER, devalueCodec } from './devalue-format.js'
import { decodeTaggedJson, encodeTaggedJson, TAGGED_JSON_HEADER } from './tagged-json.js'

export type { RegisteredClass, SerializeReport } from './class-registry.js'

/** Turns values into strings for storage and back. Must be pure and must never evaluate code on read. */
export interface Serializer {
  /**
   * Encodes a value; throws when the value cannot be represented. `report`, when given, is told about
   * class instances stored as plain objects (cacheme then warns once per tag); a serializer may ignore it.
   */
  serialize(value: unknown, report?: SerializeReport): string
  /** Decodes a payload produced by `serialize`; throws when it cannot. */
  deserialize(payload: string): unknown
}

/** Options of {@link defaultSerializer} and {@link devalueSerializer}. */
export interface SerializerOptions {
  /**
   * Classes whose instances come back as instances (prototype restored: methods, getters, `instanceof`),
   * keyed by the stable name stored in payloads: `{ Money, Book }`. The constructor is not called on
   * read; the instance's own enumerable properties are its state. Every process reading the cache must
   * register the same names (a payload naming an unknown class is a miss). Unregistered class instances
   * are stored as plain objects, and cacheme warns once per tag.
   */
  classes?: Readonly<Record<string, RegisteredClass>>
}

/**
 * The default serializer: type-faithful (`Date`, `BigInt`, `Map`, `Set`, `Buffer`, typed arrays,
 * `undefined`, `-0`, `NaN`, repeated and cyclic references), with a JSON fast path for plain data and
 * Dates. Instances of the `classes` registered here come back as instances of their class; other class
 * instances are stored as their own enumerable properties and come back as plain objects.
 * @example
 * const s = defaultSerializer({ classes: { Money } })
 * s.deserialize(s.serialize({ at: new Date(0), ids: new Set([1n]), price: new Money(5) })) // same types
 * @throws CachemeError `E_INVALID_OPTION` for a malformed `classes` option.
 */
export function defaultSerializer(options: SerializerOptions = {}): Serializer {
  const classes = new ClassRegistry(options.classes ?? {})
  const registered = classes.empty ? undefined : classes
  const devalue = devalueCodec(classes)
  return {
    serialize(value, report) {
      return encodeTaggedJson(value, registered, report) ?? devalue.encode(value, report)
    },
    deserialize(payload) {
      if (payload.startsWith(TAGGED_JSON_HEADER)) {
        return decodeTaggedJson(payload.slice(TAGGED_JSON_HEADER.length), registered)
      }
      if (payload.startsWith(DEVALUE_HEADER)) return devalue.decode(payload)
      throw new Error(
        `payload starts with neither '${TAGGED_JSON_HEADER}' nor '${DEVALUE_HEADER}' (another serializer wrote it?)`,
      )
    },
  }
}

/**
 * The devalue serializer: always the `cm1:` format (the default of cacheme before the JSON fast path;
 * slower to encode and decode). Same types and options as {@link defaultSerializer}.
 * @throws CachemeError `E_INVALID_OPTION` for a malformed `classes` option.
 */
export function devalueSerializer(options: SerializerOptions = {}): Serializer {
  const devalue = devalueCodec(new ClassRegistry(options.classes ?? {}))
  return { serialize: (value, report) => devalue.encode(value, report), deserialize: devalue.decode }
}

/**
 * A plain JSON serializer, for payloads other languages must read. Loses `undefined` inside objects,
 * `Date` (becomes a string), `Map`, `Set`, `BigInt` (throws). `undefined` as a whole value is kept.
 */
export function jsonSerializer(): Serializer {
  return {
    serialize(value) {
      return value === undefined ? 'u' : `j${JSON.stringify(value)}`
    },
    deserialize(payload) {
      if (payload === 'u') return undefined
      if (!payload.startsWith('j')) throw new Error('payload is not a cacheme JSON payload')
      return JSON.parse(payload.slice(1))
    },
  }
}
