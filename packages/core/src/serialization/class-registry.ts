/**
 * Registered classes: the user classes (value objects such as `Money`, ORM entities, DTO classes) whose
 * instances the default and devalue serializers restore with their prototype on a hit.
 *
 * An instance of a registered class is stored as its own enumerable properties plus the name it was
 * registered under; on read, the decoded properties get the class's prototype back
 * (`Object.setPrototypeOf`), so methods, getters and `instanceof` work again. The constructor is **not**
 * called (as with TypeORM's and MikroORM's own hydration): state a constructor computes, `#private` fields
 * and non-enumerable properties are not restored.
 *
 * Names, not class identities, go into payloads, so that every process (and every deploy) agrees on them:
 * register classes under stable names — `{ Money, Book }` uses the names as written in the source, which a
 * minifier cannot rename. A payload naming a class the reading serializer does not know is undecodable
 * (a miss, recomputed and overwritten) rather than served as a plain object typed as the class.
 *
 * Instances of unregistered classes are still stored, as plain objects (see `devalue-format.ts`); the
 * serializer reports them through {@link SerializeReport} so that the cache can warn once per tag.
 */
import { CachemeError, quote } from '../errors.js'

/** A class that can be registered: anything with a prototype that `new` creates instances of. */
export type RegisteredClass = abstract new (...args: never[]) => object

/**
 * What a serializer may tell its caller about one `serialize()` call (an optional second argument: a
 * custom serializer may ignore it).
 */
export interface SerializeReport {
  /**
   * The name of a class whose instance was stored as a plain object (it comes back without its
   * prototype). `registrable` is false for `Error`s: their message and stack are not enumerable, so
   * registering the class would not keep them either.
   */
  flattened(className: string, registrable: boolean): void
}

/** Built-in types whose subclasses cannot be registered: their state is not in their own properties. */
const UNREGISTRABLE: ReadonlyArray<abstract new (...args: never[]) => unknown> = [
  Array,
  Error,
  Date,
  Map,
  Set,
  WeakMap,
  WeakSet,
  RegExp,
  Promise,
  ArrayBuffer,
  URL,
  URLSearchParams,
]

/** Name ↔ class of the registered classes of one serializer. Immutable once built. */
export class ClassRegistry {
  readonly #byProto = new Map<object, string>()
  readonly #byName = new Map<string, object>()

  /**
   * @param classes classes by the stable name they are stored under (`{ Money, Book }`).
   * @throws CachemeError `E_INVALID_OPTION` for a value that is not a class, a built-in type's subclass, or
   *   a class registered twice (under two names).
   */
  constructor(classes: Readonly<Record<string, RegisteredClass>>) {
    if (typeof classes !== 'object' || classes === null || Array.isArray(classes)) {
      throw invalid(`is ${quote(classes)}`, 'pass the classes by name: { classes: { Money, Book } }.')
    }
    for (const [name, type] of Object.entries(classes)) {
      const proto: unknown = typeof type === 'function' ? type.prototype : undefined
      if (typeof proto !== 'object' || proto === null || name.length === 0) {
        throw invalid(
          `has ${quote(name)}: ${quote(type)}`,
          'pass classes (constructors), keyed by a non-empty name.',
        )
      }
      const sample = Object.create(proto) as object
      if (UNREGISTRABLE.some((builtin) => sample instanceof builtin) || ArrayBuffer.isView(sample)) {
        throw invalid(
          `has ${quote(name)}, a subclass of a built-in type whose state is not in its own properties`,
          'register plain classes only; the serializer already keeps Date, Map, Set, typed arrays and Buffer.',
        )
      }
      const known = this.#byProto.get(proto)
      if (known !== undefined) {
        throw invalid(`registers one class twice, as ${quote(known)} and ${quote(name)}`, 'register it once.')
      }
      this.#byProto.set(proto, name)
      this.#byName.set(name, proto)
    }
  }

  /** True when no class is registered (then nothing is tagged and nothing looked up). */
  get empty(): boolean {
    return this.#byName.size === 0
  }

  /** The name `proto`'s class is registered under (exact prototype: a subclass needs its own entry). */
  nameOf(proto: object | null): string | undefined {
    return proto === null ? undefined : this.#byProto.get(proto)
  }

  /**
   * Gives `plain` (a decoded object) the prototype of the class registered as `name`, in place.
   * @throws Error for an unknown name or a non-object (the payload is then undecodable: a miss).
   */
  revive(name: unknown, plain: unknown): object {
    const proto = typeof name === 'string' ? this.#byName.get(name) : undefined
    if (proto === undefined) {
      throw new Error(
        `the payload holds an instance of class ${quote(name)}, which this serializer does not register`,
      )
    }
    if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
      throw new Error(`the stored state of a ${quote(name)} instance is not an object`)
    }
    return Object.setPrototypeOf(plain, proto) as object
  }
}

/** The name a warning uses for an instance's class. */
export function className(value: object): string {
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor
    ?.name
  return typeof name === 'string' && name.length > 0 ? name : '(anonymous class)'
}

function invalid(what: string, fix: string): CachemeError {
  return new CachemeError('E_INVALID_OPTION', `serializer option 'classes' ${what} → ${fix}`)
}
