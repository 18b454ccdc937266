/**
 * The `cm1:` payload format: devalue's encoding behind a four-byte header. It holds everything the
 * default serializer supports — `Date`, `BigInt`, `Map`, `Set`, typed arrays, `Buffer`, `undefined`,
 * `-0`, `NaN`, sparse arrays, repeated and cyclic references — and its parser never evaluates code
 * (docs/decisions/0002-serialization.md). The default serializer writes it for values the faster `cm2:`
 * format cannot hold (`tagged-json.ts`); `devalueSerializer()` writes it always. Every payload ever
 * written as `cm1:` stays readable.
 *
 * Two additions on top of devalue:
 * - `Buffer` round-trips as a `Buffer` (devalue alone would return a plain `Uint8Array`);
 * - instances of user classes (ORM entities, DTO classes) are stored as plain objects of their own
 *   enumerable properties, exactly as `JSON.stringify` would see them (`toJSON()` honoured). devalue
 *   refuses them outright, and refusing every ORM entity would make the library useless for its main
 *   audience. The prototype is not restored on read: what comes back is data, never behaviour — unless
 *   the class is registered (`class-registry.ts`), then it is stored as `["C", [name, props]]` and
 *   revived with its prototype.
 *
 * Known limit: devalue cannot revive a cycle that runs through a custom type (a class instance whose
 * properties lead back to it). {@link DevalueCodec.encode} decodes such a payload once before returning
 * it and throws, so the value is reported as unserializable instead of missing on every read.
 */
import { parse, stringify } from 'devalue'
import { type ClassRegistry, className, type SerializeReport } from './class-registry.js'

/** The header of the format. */
export const DEVALUE_HEADER = 'cm1:'

/** Built-in types that are not "user classes" (devalue handles them, or they have no plain form). */
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
export function isClassInstance(value: unknown): value is object {
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

/** The `cm1:` encoder and decoder of one set of registered classes. */
export interface DevalueCodec {
  /** `cm1:` + devalue. @throws for values devalue cannot hold (functions, symbols, symbol keys, ...). */
  encode(value: unknown, report?: SerializeReport): string
  /** Decodes a `cm1:` payload. @throws when the header or the body is not valid, or the body has slots nothing refers to (trailing garbage). */
  decode(payload: string): unknown
}

/**
 * The codec for `classes`. Instances of registered classes are stored as `["C", [name, own properties]]`
 * and revived with their prototype; other class instances as plain objects (reported as flattened).
 */
export function devalueCodec(classes: ClassRegistry): DevalueCodec {
  // Set for the duration of one (synchronous) stringify call; restored after, should a getter re-enter.
  let report: SerializeReport | undefined
  // Set when an instance went through a custom reducer: devalue cannot revive a cycle through one.
  let reduced = false
  const reducers: Record<string, (value: unknown) => unknown> = {
    // Checked first: Buffer is a Uint8Array subclass and would otherwise come back as a plain Uint8Array.
    Buffer: (value) => Buffer.isBuffer(value) && value.toString('base64'),
    // URL and URLSearchParams are built in, but devalue has no native support: keep them as strings.
    URL: (value) => value instanceof URL && value.href,
    URLSearchParams: (value) => value instanceof URLSearchParams && value.toString(),
  }
  if (!classes.empty) {
    reducers.C = (value) => {
      if (typeof value !== 'object' || value === null) return false
      const name = classes.nameOf(Object.getPrototypeOf(value) as object | null)
      if (name === undefined) return false
      reduced = true
      return [name, { ...value }]
    }
  }
  reducers.Instance = (value) => {
    if (!isClassInstance(value)) return false
    reduced = true
    report?.flattened(className(value), !(value instanceof Error))
    return [toPlain(value)]
  }
  const revivers = {
    Buffer: (value: string) => Buffer.from(value, 'base64'),
    URL: (value: string) => new URL(value),
    URLSearchParams: (value: string) => new URLSearchParams(value),
    C: ([name, plain]: [unknown, unknown]) => classes.revive(name, plain),
    Instance: ([plain]: [unknown]) => plain,
  }
  // Strict: every slot of the body must be reachable from the root — devalue's parser ignores slots
  // nothing refers to, so `cm1:[41,"garbage"]` would be served as `41`.
  const decode = (payload: string): unknown => {
    if (!payload.startsWith(DEVALUE_HEADER)) {
      throw new Error(`payload does not start with the '${DEVALUE_HEADER}' header`)
    }
    const body = payload.slice(DEVALUE_HEADER.length)
    const value = parse(body, revivers)
    assertAllReferenced(body)
    return value
  }
  return {
    encode(value, given) {
      const outer = report
      report = given
      reduced = false
      try {
        const payload = DEVALUE_HEADER + stringify(value, reducers)
        // A cycle through a class instance (book.owner.books[0] === book) is written but would be
        // rejected on every read ("invalid circular reference"): a silent miss forever. Check now.
        if (reduced) {
          try {
            decode(payload)
          } catch (error) {
            throw new Error(
              `it holds a reference cycle through a class instance, which cannot be revived (${(error as Error).message}); break the cycle (e.g. load the relation one way only)`,
            )
          }
        }
        return payload
      } finally {
        report = outer
      }
    },
    decode,
  }
}

/**
 * Throws when a slot of a devalue body (a JSON array of slots; the root is slot 0, references are
 * non-negative integers) is referenced by no other slot. Over-approximates references on purpose —
 * every non-negative integer inside an array or object slot counts, even a literal one (a boxed
 * number's value, say) — so it can miss garbage in odd payloads but never rejects one devalue wrote.
 * Runs after `parse`, so the body is known to be a well-formed devalue array.
 */
function assertAllReferenced(body: string): void {
  const slots = JSON.parse(body) as unknown
  if (!Array.isArray(slots)) return // a bare constant (devalue writes `-1` for undefined)
  const seen = new Uint8Array(slots.length)
  seen[0] = 1
  const stack = [0]
  const visit = (ref: unknown): void => {
    if (typeof ref === 'number' && Number.isInteger(ref) && ref >= 0 && ref < slots.length && !seen[ref]) {
      seen[ref] = 1
      stack.push(ref)
    }
  }
  while (stack.length > 0) {
    const slot: unknown = slots[stack.pop()!]
    if (Array.isArray(slot)) for (const item of slot) visit(item)
    else if (typeof slot === 'object' && slot !== null)
      for (const key in slot) visit((slot as Record<string, unknown>)[key])
  }
  const unreferenced = seen.indexOf(0)
  if (unreferenced !== -1) throw new Error(`payload has a slot nothing refers to (index ${unreferenced})`)
}
