/**
 * The `cm2:` payload format: plain JSON plus the paths of the values JSON cannot type — the default
 * serializer's fast path for the values ORM apps cache (rows, DTOs, lists of them, with `Date`s).
 *
 * ```
 * cm2:[<value as JSON>]                            no tagged values
 * cm2:[<value as JSON>,[["D",<ms>,...path],...]]   "D": the string at `path` was the Date <ms>
 *                                                  "C": the object at `path` is an instance of the
 *                                                  class registered as <name>: ["C",<name>,...path]
 * ```
 *
 * A path is the list of keys from the root: strings for object properties, numbers for array indexes;
 * an empty path is the root itself. The JSON keeps each Date as its ISO string (what `JSON.stringify`
 * writes: readable in redis-cli and by other languages); the tag carries its time in milliseconds, so
 * decoding is one `JSON.parse` plus one `new Date(ms)` per Date — no date parsing, and no reviver, which
 * would run a function on every value (4–5× slower than `JSON.parse`, see benchmarks/PROFILE.md) and
 * would turn date-looking strings into dates.
 *
 * Encoding walks the value once to find the Dates and to check that JSON holds everything exactly;
 * `JSON.stringify` then writes it. Anything JSON would lose or change makes {@link encodeTaggedJson}
 * return `undefined`, and the caller falls back to the `cm1:` devalue format: `undefined` (anywhere),
 * `BigInt`, `-0`, `NaN`, `±Infinity`, sparse arrays, `Map`, `Set`, typed arrays, `Buffer`, `RegExp`, `URL`,
 * boxed primitives, invalid dates, null-prototype objects, array or Date subclasses, objects with a
 * `toJSON` method, repeated or cyclic references (devalue keeps their identity) and nesting deeper than
 * {@link MAX_DEPTH}. Instances of user classes are walked like plain objects: JSON stores their own
 * enumerable properties, exactly what the `cm1:` format stores for them. An instance of a registered
 * class (`class-registry.ts`) also gets a "C" tag, and decoding gives it its prototype back; an
 * unregistered one is reported to the caller (`SerializeReport.flattened`). Symbol-keyed properties are
 * not stored (JSON ignores them).
 *
 * Decoding is strict: anything but this exact shape (trailing bytes, an unknown tag, a path that does not
 * lead to a string, an unparsable date) throws, and the caller treats the payload as a miss. Paths are
 * followed through own properties only, so a payload can never reach `Object.prototype`.
 */

import { type ClassRegistry, className, type SerializeReport } from './class-registry.js'
import { isClassInstance } from './devalue-format.js'

/** The header of the format. */
export const TAGGED_JSON_HEADER = 'cm2:'

/** Nesting beyond this falls back to devalue (and keeps the walk's recursion bounded). */
export const MAX_DEPTH = 200

/** Tag of a `Date`. */
const DATE = 'D'
/** Tag of an instance of a registered class. */
const CLASS = 'C'

/** What one encoding is done with: the registered classes, and where to report flattened instances. */
interface EncodeContext {
  readonly classes: ClassRegistry | undefined
  readonly report: SerializeReport | undefined
}

const NO_CONTEXT: EncodeContext = { classes: undefined, report: undefined }

type Path = (string | number)[]

/** For each prototype met while encoding: may its instances be stored as their own properties? */
const plainLike = new WeakMap<object, boolean>()

/**
 * `cm2:` payload of `value`, or `undefined` when JSON cannot hold it exactly (then use `cm1:`).
 * @throws only what a getter of the value throws.
 */
export function encodeTaggedJson(
  value: unknown,
  classes?: ClassRegistry,
  report?: SerializeReport,
): string | undefined {
  const tags: Path[] = []
  const context = classes === undefined && report === undefined ? NO_CONTEXT : { classes, report }
  if (!scan(value, [], tags, new Set(), 0, context)) return undefined
  const json = JSON.stringify(value)
  if (json === undefined) return undefined
  return tags.length === 0
    ? `${TAGGED_JSON_HEADER}[${json}]`
    : `${TAGGED_JSON_HEADER}[${json},${JSON.stringify(tags)}]`
}

/**
 * Walks `value`: true when `JSON.stringify` writes it exactly, Dates aside, whose paths it adds to `tags`.
 * `seen` holds every object met so far (a second visit is a repeated or cyclic reference).
 */
function scan(
  value: unknown,
  path: Path,
  tags: Path[],
  seen: Set<object>,
  depth: number,
  context: EncodeContext,
): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      // NaN and ±Infinity become null in JSON, -0 becomes 0.
      return Number.isFinite(value) && (value !== 0 || 1 / value > 0)
    case 'object':
      break
    default:
      return false // undefined, bigint, function, symbol
  }
  if (value === null) return true
  // One Set operation: an object met twice (a Date too) is a repeated or cyclic reference, whose identity
  // devalue keeps and JSON would not.
  const met = seen.size
  seen.add(value)
  if (seen.size === met || depth >= MAX_DEPTH) return false
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto === Date.prototype) {
    const time = (value as Date).getTime()
    if (Number.isNaN(time)) return false
    tags.push([DATE, time, ...path])
    return true
  }
  // JSON.stringify would call it and store whatever it returns.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false
  if (proto === Array.prototype) {
    const list = value as readonly unknown[]
    for (let i = 0; i < list.length; i += 1) {
      path.push(i)
      // A hole reads as undefined, which scan refuses: sparse arrays fall back too.
      const ok = scan(list[i], path, tags, seen, depth + 1, context)
      path.pop()
      if (!ok) return false
    }
    return true
  }
  const plain = proto === Object.prototype
  if (!plain) {
    const registered = context.classes?.nameOf(proto as object | null)
    if (registered !== undefined) tags.push([CLASS, registered, ...path])
    else if (!isPlainLike(proto as object | null, value)) return false
    else context.report?.flattened(className(value), !(value instanceof Error))
  }
  const record = value as Record<string, unknown>
  // for-in yields Object.keys's order without allocating the array; only a class's prototype can add
  // enumerable keys of its own (Object.prototype has none), which JSON skips.
  for (const key in record) {
    if (!plain && !Object.hasOwn(record, key)) continue
    path.push(key)
    const ok = scan(record[key], path, tags, seen, depth + 1, context)
    path.pop()
    if (!ok) return false
  }
  return true
}

/**
 * True when instances of `proto` are user-class instances JSON stores as their own enumerable properties
 * (not a built-in type JSON would mangle, not a null prototype, which devalue restores). Cached per
 * prototype: ORM results are many instances of a few classes.
 */
function isPlainLike(proto: object | null, sample: object): boolean {
  if (proto === null) return false
  let known = plainLike.get(proto)
  if (known === undefined) {
    // The one definition of "a user class instance", shared with the devalue format.
    known = isClassInstance(sample)
    plainLike.set(proto, known)
  }
  return known
}

/**
 * Decodes the body of a `cm2:` payload (what follows the header); "C" tags need `classes`.
 * @throws for anything but a well-formed body (see module doc), or a class `classes` does not register.
 */
export function decodeTaggedJson(body: string, classes?: ClassRegistry): unknown {
  const doc: unknown = JSON.parse(body)
  if (!Array.isArray(doc) || doc.length === 0 || doc.length > 2)
    throw malformed('not [value] or [value, tags]')
  if (doc.length === 1) return doc[0]
  const tags: unknown = doc[1]
  if (!Array.isArray(tags) || tags.length === 0) throw malformed('tags are not a non-empty list')
  let root: unknown = doc[0]
  for (const tag of tags as unknown[]) {
    if (!Array.isArray(tag) || (tag[0] !== DATE && tag[0] !== CLASS) || tag.length < 2) {
      throw malformed(`unknown tag ${JSON.stringify(tag)}`)
    }
    if (tag[0] === CLASS) {
      // In place: the object keeps its identity, so the paths of other tags still lead through it.
      let target = root
      for (let i = 2; i < tag.length; i += 1) target = child(target, tag[i])
      if (classes === undefined) throw malformed(`class ${JSON.stringify(tag[1])} is not registered`)
      classes.revive(tag[1], target)
      continue
    }
    const time = tag[1]
    if (tag.length === 2) {
      root = reviveDate(root, time)
      continue
    }
    let parent = root
    for (let i = 2; i < tag.length - 1; i += 1) parent = child(parent, tag[i])
    const last = tag[tag.length - 1] as string | number
    ;(parent as Record<string | number, unknown>)[last] = reviveDate(child(parent, last), time)
  }
  return root
}

/** `parent[key]`, when `parent` is an object and `key` one of its own keys (an index for an array). */
function child(parent: unknown, key: unknown): unknown {
  if (typeof parent !== 'object' || parent === null) throw malformed('a tag path crosses a non-object')
  if (Array.isArray(parent)) {
    if (!Number.isInteger(key) || (key as number) < 0 || (key as number) >= parent.length) {
      throw malformed('a tag path has a bad array index')
    }
    return parent[key as number]
  }
  if (typeof key !== 'string' || !Object.hasOwn(parent, key)) throw malformed('a tag path has a bad key')
  return (parent as Record<string, unknown>)[key]
}

/** The Date of a tag: `text` must be the string JSON wrote for it, `time` a valid time in ms. */
function reviveDate(text: unknown, time: unknown): Date {
  if (typeof text !== 'string') throw malformed('a Date tag does not point to a string')
  if (typeof time !== 'number' || !Number.isInteger(time) || Math.abs(time) > MAX_TIME) {
    throw malformed('a Date tag has no valid time')
  }
  return new Date(time)
}

/** The largest time a Date can hold (±100 000 000 days around the epoch). */
const MAX_TIME = 8.64e15

function malformed(what: string): Error {
  return new Error(`malformed '${TAGGED_JSON_HEADER}' payload: ${what}`)
}
