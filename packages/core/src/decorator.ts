/**
 * `cm.cacheme(options)` returns one value usable three ways:
 *
 * - (a) legacy method decorator (`experimentalDecorators`): called as `(target, propertyKey, descriptor)`;
 * - (b) TC39 standard method decorator (TypeScript 5+ without `experimentalDecorators`): `(method, context)`;
 * - (c) a plain wrapper: `cm.cacheme(options)(fn)`.
 *
 * The three are told apart at run time by their arguments. In every form the tag is registered
 * immediately (before any call), the result is a function returning a Promise, and `this` is passed
 * through.
 *
 * Default tag: the function's name; for legacy decorators `Class.method` (the class is known at
 * decoration time). A TC39 method decorator is not given its class, so there the default is the method
 * name — pass `tag` when several classes cache methods of the same name.
 */
import { CachemeError, quote } from './errors.js'
import type { CachedDefinition, CachemeOptions } from './options.js'

/** A method or function compatible with `Args`/`R`/`This`. Method syntax keeps parameters bivariant, so an
 * unannotated decorator (`Args = unknown[]`) accepts any method, while explicit type arguments are checked. */
type Callable<Args extends readonly unknown[], R, This> = {
  method(this: This, ...args: Args): R | Promise<R>
}['method']
type AsyncCallable<Args extends readonly unknown[], R, This> = {
  method(this: This, ...args: Args): Promise<R>
}['method']

/**
 * Any function type, as a decorator's single type argument (`cm.cacheme<BookSerializer['getOwner']>`):
 * the container's `args`, `result` (awaited) and `self` are then typed from it.
 */
export type FunctionType = (this: never, ...args: never[]) => unknown

/**
 * `this` of a function type: its declared `this` parameter, or `unknown` when it declares none (a method
 * type such as `BookSerializer['getOwner']` does not).
 */
export type ThisOfFunction<F> = F extends (this: infer S, ...args: never[]) => unknown ? S : never

/** The cached version of `F`: same parameters and `this`, always returns a Promise. */
export type Cached<F extends (...args: never[]) => unknown> = (
  this: ThisParameterType<F>,
  ...args: Parameters<F>
) => Promise<Awaited<ReturnType<F>>>

/** What `cm.cacheme(options)` returns: a wrapper, a TC39 method decorator and a legacy method decorator. */
export interface CachemeDecorator<Args extends readonly unknown[], R, This> {
  /** (c) Wraps a function: `const cached = cm.cacheme(options)(fn)`. */
  <F extends Callable<Args, R, This>>(fn: F): Cached<F>
  /** (b) TC39 standard method decorator. The method must return a Promise (make it `async`). */
  <F extends AsyncCallable<Args, R, This>>(
    method: F,
    context: ClassMethodDecoratorContext<ThisParameterType<F>, F>,
  ): F
  /** (a) Legacy `experimentalDecorators` method decorator. The method must return a Promise. */
  <F extends AsyncCallable<Args, R, This>>(
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<F>,
  ): TypedPropertyDescriptor<F>
}

/** Any function or method, as the decorator handles it at run time. */
export type AnyFunction = (this: unknown, ...args: readonly unknown[]) => unknown

/** Validates options at decoration time, so mistakes surface at startup, not on the first call. */
function validateOptions(
  options: unknown,
): asserts options is CachemeOptions<readonly unknown[], unknown, unknown> {
  const fail = (what: string, fix: string): never => {
    throw new CachemeError('E_INVALID_OPTION', `cacheme option ${what} → ${fix}`)
  }
  if (typeof options !== 'object' || options === null)
    fail(`object is ${quote(options)}`, 'pass { key: c => ... }.')
  const o = options as Record<string, unknown>
  if (typeof o.key !== 'function')
    fail(
      `'key' is ${quote(o.key)}`,
      'pass a function returning the cache key, e.g. key: (c) => "Book:" + c.args[0].',
    )
  for (const name of ['invalidKeys', 'hit', 'miss'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'function')
      fail(`'${name}' is ${quote(o[name])}`, 'pass a function or leave it out.')
  }
  if (o.skip !== undefined && typeof o.skip !== 'boolean' && typeof o.skip !== 'function') {
    fail(`'skip' is ${quote(o.skip)}`, 'pass true/false or a function (c) => boolean.')
  }
  if (
    o.timeout !== undefined &&
    !(typeof o.timeout === 'number' && Number.isFinite(o.timeout) && o.timeout > 0)
  ) {
    fail(
      `'timeout' is ${quote(o.timeout)}`,
      'pass a positive number of seconds, or leave it out for no expiry.',
    )
  }
  if (o.tag !== undefined && (typeof o.tag !== 'string' || o.tag.length === 0)) {
    fail(`'tag' is ${quote(o.tag)}`, 'pass a non-empty string.')
  }
  if (o.lock !== undefined && typeof o.lock !== 'boolean') {
    const lock = o.lock as Record<string, unknown> | null
    const positive = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v > 0)
    if (typeof lock !== 'object' || lock === null || !positive(lock.ttlMs) || !positive(lock.waitMs)) {
      fail(`'lock' is ${quote(o.lock)}`, 'pass true, or { ttlMs, waitMs } with positive millisecond values.')
    }
  }
  for (const name of ['invalidModels', 'invalidM2mModels'] as const) {
    if (o[name] !== undefined && !Array.isArray(o[name]))
      fail(`'${name}' is ${quote(o[name])}`, 'pass an array of model names or classes.')
  }
}

/** Hooks the decorator needs from the instance. */
export interface DecoratorHost {
  /** Registers the tag and the declared models; returns the definition (called once, when decorating). */
  define(options: CachemeOptions<readonly unknown[], unknown, unknown>, defaultTag: string): CachedDefinition
  /** Runs one call of a decorated function through the cache. */
  call(
    definition: CachedDefinition,
    self: unknown,
    args: readonly unknown[],
    fn: AnyFunction,
  ): Promise<unknown>
}

/** Builds the three-way decorator for `options`. */
export function createDecorator<Args extends readonly unknown[], R, This>(
  host: DecoratorHost,
  options: CachemeOptions<Args, R, This>,
): CachemeDecorator<Args, R, This> {
  validateOptions(options)
  const wrap = (fn: AnyFunction, defaultTag: string): AnyFunction => {
    const definition = host.define(
      options as CachemeOptions<readonly unknown[], unknown, unknown>,
      defaultTag,
    )
    const cached = function (this: unknown, ...args: readonly unknown[]): Promise<unknown> {
      return host.call(definition, this, args, fn)
    }
    Object.defineProperty(cached, 'name', { value: fn.name, configurable: true })
    return cached
  }

  function decorator(...input: unknown[]): unknown {
    const [first, second, third] = input
    // (a) legacy: (target, propertyKey, descriptor)
    if (input.length === 3 && typeof third === 'object' && third !== null) {
      const descriptor = third as PropertyDescriptor
      const method = descriptor.value
      if (typeof method !== 'function') {
        throw new CachemeError(
          'E_INVALID_OPTION',
          `@cacheme was applied to ${quote(String(second))}, which is not a method → decorate a method (getters and fields are not supported).`,
        )
      }
      const owner =
        typeof first === 'function' ? (first as { name: string }).name : (first as object).constructor.name
      descriptor.value = wrap(method as AnyFunction, `${owner}.${String(second)}`)
      return descriptor
    }
    // (b) TC39: (method, context)
    if (input.length === 2 && typeof second === 'object' && second !== null && 'kind' in second) {
      const context = second as { kind: string; name: string | symbol }
      if (context.kind !== 'method' || typeof first !== 'function') {
        throw new CachemeError(
          'E_INVALID_OPTION',
          `@cacheme was applied to a ${context.kind} ${quote(String(context.name))} → decorate a method.`,
        )
      }
      return wrap(first as AnyFunction, String(context.name))
    }
    // (c) wrapper: (fn)
    if (input.length === 1 && typeof first === 'function') {
      const fn = first as AnyFunction
      if (!fn.name && options.tag === undefined) {
        throw new CachemeError(
          'E_INVALID_OPTION',
          "cm.cacheme(options) wrapped an anonymous function and no 'tag' was given → pass a 'tag', or wrap a named function.",
        )
      }
      return wrap(fn, fn.name)
    }
    throw new CachemeError(
      'E_INVALID_OPTION',
      `cm.cacheme(options) was called with ${quote(input.map((i) => typeof i))} → call it with a function, or use it as a method decorator.`,
    )
  }
  return decorator as CachemeDecorator<Args, R, This>
}
