import type { CachedDefinition, CachemeOptions } from './options.js';
/** A method or function compatible with `Args`/`R`/`This`. Method syntax keeps parameters bivariant, so an
 * unannotated decorator (`Args = unknown[]`) accepts any method, while explicit type arguments are checked. */
type Callable<Args extends readonly unknown[], R, This> = {
    method(this: This, ...args: Args): R | Promise<R>;
}['method'];
type AsyncCallable<Args extends readonly unknown[], R, This> = {
    method(this: This, ...args: Args): Promise<R>;
}['method'];
/**
 * Any function type, as a decorator's single type argument (`cm.cacheme<BookSerializer['getOwner']>`):
 * the container's `args`, `result` (awaited) and `self` are then typed from it.
 */
export type FunctionType = (this: never, ...args: never[]) => unknown;
/**
 * `this` of a function type: its declared `this` parameter, or `unknown` when it declares none (a method
 * type such as `BookSerializer['getOwner']` does not).
 */
export type ThisOfFunction<F> = F extends (this: infer S, ...args: never[]) => unknown ? S : never;
/** The cached version of `F`: same parameters and `this`, always returns a Promise. */
export type Cached<F extends (...args: never[]) => unknown> = (this: ThisParameterType<F>, ...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>>;
/** What `cm.cacheme(options)` returns: a wrapper, a TC39 method decorator and a legacy method decorator. */
export interface CachemeDecorator<Args extends readonly unknown[], R, This> {
    /** (c) Wraps a function: `const cached = cm.cacheme(options)(fn)`. */
    <F extends Callable<Args, R, This>>(fn: F): Cached<F>;
    /** (b) TC39 standard method decorator. The method must return a Promise (make it `async`). */
    <F extends AsyncCallable<Args, R, This>>(method: F, context: ClassMethodDecoratorContext<ThisParameterType<F>, F>): F;
    /** (a) Legacy `experimentalDecorators` method decorator. The method must return a Promise. */
    <F extends AsyncCallable<Args, R, This>>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<F>): TypedPropertyDescriptor<F>;
}
/** Any function or method, as the decorator handles it at run time. */
export type AnyFunction = (this: unknown, ...args: readonly unknown[]) => unknown;
/** Hooks the decorator needs from the instance. */
export interface DecoratorHost {
    /** Registers the tag and the declared models; returns the definition (called once, when decorating). */
    define(options: CachemeOptions<readonly unknown[], unknown, unknown>, defaultTag: string): CachedDefinition;
    /** Runs one call of a decorated function through the cache. */
    call(definition: CachedDefinition, self: unknown, args: readonly unknown[], fn: AnyFunction): Promise<unknown>;
}
/** Builds the three-way decorator for `options`. */
export declare function createDecorator<Args extends readonly unknown[], R, This>(host: DecoratorHost, options: CachemeOptions<Args, R, This>): CachemeDecorator<Args, R, This>;
export {};
//# sourceMappingURL=decorator.d.ts.map