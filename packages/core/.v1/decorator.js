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
import { CachemeError, quote } from './errors.js';
/** Validates options at decoration time, so mistakes surface at startup, not on the first call. */
function validateOptions(options) {
    const fail = (what, fix) => {
        throw new CachemeError('E_INVALID_OPTION', `cacheme option ${what} → ${fix}`);
    };
    if (typeof options !== 'object' || options === null)
        fail(`object is ${quote(options)}`, 'pass { key: c => ... }.');
    const o = options;
    if (typeof o.key !== 'function')
        fail(`'key' is ${quote(o.key)}`, 'pass a function returning the cache key, e.g. key: (c) => "Book:" + c.args[0].');
    for (const name of ['invalidKeys', 'hit', 'miss']) {
        if (o[name] !== undefined && typeof o[name] !== 'function')
            fail(`'${name}' is ${quote(o[name])}`, 'pass a function or leave it out.');
    }
    if (o.skip !== undefined && typeof o.skip !== 'boolean' && typeof o.skip !== 'function') {
        fail(`'skip' is ${quote(o.skip)}`, 'pass true/false or a function (c) => boolean.');
    }
    if (o.timeout !== undefined &&
        !(typeof o.timeout === 'number' && Number.isFinite(o.timeout) && o.timeout > 0)) {
        fail(`'timeout' is ${quote(o.timeout)}`, 'pass a positive number of seconds, or leave it out for no expiry.');
    }
    if (o.tag !== undefined && (typeof o.tag !== 'string' || o.tag.length === 0)) {
        fail(`'tag' is ${quote(o.tag)}`, 'pass a non-empty string.');
    }
    if (o.lock !== undefined && typeof o.lock !== 'boolean') {
        const lock = o.lock;
        const positive = (v) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v > 0);
        if (typeof lock !== 'object' || lock === null || !positive(lock.ttlMs) || !positive(lock.waitMs)) {
            fail(`'lock' is ${quote(o.lock)}`, 'pass true, or { ttlMs, waitMs } with positive millisecond values.');
        }
    }
    for (const name of ['invalidModels', 'invalidM2mModels']) {
        if (o[name] !== undefined && !Array.isArray(o[name]))
            fail(`'${name}' is ${quote(o[name])}`, 'pass an array of model names or classes.');
    }
}
/** Builds the three-way decorator for `options`. */
export function createDecorator(host, options) {
    validateOptions(options);
    const wrap = (fn, defaultTag) => {
        const definition = host.define(options, defaultTag);
        const cached = function (...args) {
            return host.call(definition, this, args, fn);
        };
        Object.defineProperty(cached, 'name', { value: fn.name, configurable: true });
        return cached;
    };
    function decorator(...input) {
        const [first, second, third] = input;
        // (a) legacy: (target, propertyKey, descriptor)
        if (input.length === 3 && typeof third === 'object' && third !== null) {
            const descriptor = third;
            const method = descriptor.value;
            if (typeof method !== 'function') {
                throw new CachemeError('E_INVALID_OPTION', `@cacheme was applied to ${quote(String(second))}, which is not a method → decorate a method (getters and fields are not supported).`);
            }
            const owner = typeof first === 'function' ? first.name : first.constructor.name;
            descriptor.value = wrap(method, `${owner}.${String(second)}`);
            return descriptor;
        }
        // (b) TC39: (method, context)
        if (input.length === 2 && typeof second === 'object' && second !== null && 'kind' in second) {
            const context = second;
            if (context.kind !== 'method' || typeof first !== 'function') {
                throw new CachemeError('E_INVALID_OPTION', `@cacheme was applied to a ${context.kind} ${quote(String(context.name))} → decorate a method.`);
            }
            return wrap(first, String(context.name));
        }
        // (c) wrapper: (fn)
        if (input.length === 1 && typeof first === 'function') {
            const fn = first;
            if (!fn.name && options.tag === undefined) {
                throw new CachemeError('E_INVALID_OPTION', "cm.cacheme(options) wrapped an anonymous function and no 'tag' was given → pass a 'tag', or wrap a named function.");
            }
            return wrap(fn, fn.name);
        }
        throw new CachemeError('E_INVALID_OPTION', `cm.cacheme(options) was called with ${quote(input.map((i) => typeof i))} → call it with a function, or use it as a method decorator.`);
    }
    return decorator;
}
//# sourceMappingURL=decorator.js.map