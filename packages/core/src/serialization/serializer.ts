/**
 * Serialization of cached values.
 *
 * The default serializer is built on `devalue` (see docs/decisions/0002-serialization.md for why): it keeps
 * `Date`, `BigInt`, `Map`, `Set`, typed arrays, `undefined`, `-0`, `NaN`, sparse arrays, repeated and
 * cyclic references, and its parser never evaluates code. Two additions on top of devalue:
 * - `Buffer` round-trips as a `Buffer` (devalue alone would return a plain `Uint8Array`);
 * - instances of user classes (ORM entities, DTO classes) are stored as plain objects of their own
 *   enumerable properties, exactly as `JSON.stringify` would see them. devalue refuses them outright, and
 *   refusing every ORM entity would make the library useless for its main audience. The prototype is not
 *   restored on read: what comes back is data, never behaviour.
 *
 * Payloads carry a short format header (`cm1:`), so a payload written by something else (or an older
 * format) is recognised as undecodable and treated as a miss instead of being served.
 */
import { parse, stringify } from 'devalue'

/** Turns values into strings for storage and back. Must be pure and must never evaluate code on read. */
export interface Serializer {
  /** Encodes a value; throws when the value cannot be represented. */
  serialize(value: unknown): string
  /** Decodes a payload produced by `serialize`; throws when it cannot. */
  deserialize(payload: string): unknown
}

const HEADER = 'cm1:'

const BUILTIN_TYPES: ReadonlyArray<abstract new (...args: never[]) => unknown> = [
  Date,
  Map,
  Set,
  RegExp,
  ArrayBuffer,
  Boolean,
  Number,
  String,
  URL,
  URLSearchParams,
]

/** True for instances of user-defined classes (not plain objects, arrays or types devalue handles). */
function isClassInstance(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  if (proto === Object.prototype || proto === null) return false
  if (ArrayBuffer.isView(value)) return false
  return !BUILTIN_TYPES.some((type) => value instanceof type)
}

/** Plain copy of a class instance: `toJSON()` when it has one (as JSON does), else own enumerable props. */
function toPlain(value: object): unknown {
  const withToJson = value as { toJSON?: () => unknown }
  if (typeof withToJson.toJSON === 'function') return withToJson.toJSON()
  return { ...value }
}

const reducers = {
  // Checked first: Buffer is a Uint8Array subclass and would otherwise come back as a plain Uint8Array.
  Buffer: (value: unknown) => Buffer.isBuffer(value) && value.toString('base64'),
  // URL and URLSearchParams are built in, but devalue has no native support: keep them as strings.
  URL: (value: unknown) => value instanceof URL && value.href,
  URLSearchParams: (value: unknown) => value instanceof URLSearchParams && value.toString(),
  Instance: (value: unknown) => (isClassInstance(value) ? [toPlain(value)] : false),
}

const revivers = {
  Buffer: (value: string) => Buffer.from(value, 'base64'),
  URL: (value: string) => new URL(value),
  URLSearchParams: (value: string) => new URLSearchParams(value),
  Instance: ([plain]: [unknown]) => plain,
}

/**
 * Creates the default, type-faithful serializer.
 * @example
 * const s = devalueSerializer()
 * s.deserialize(s.serialize({ at: new Date(0), ids: new Set([1n]) })) // same shape and types
 */
export function devalueSerializer(): Serializer {
  return {
    serialize(value) {
      return HEADER + stringify(value, reducers)
    },
    deserialize(payload) {
      if (!payload.startsWith(HEADER)) {
        throw new Error(`payload does not start with the '${HEADER}' header`)
      }
      return parse(payload.slice(HEADER.length), revivers)
    },
  }
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
