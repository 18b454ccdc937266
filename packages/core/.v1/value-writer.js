/**
 * The two ends of a cached value in the cached-call path: decoding a stored payload (an undecodable one
 * is a miss, recomputed and overwritten) and building + sending the guarded write of a computed one
 * (its invalid keys, tag and TTL).
 *
 * Failures never throw to the caller: a throwing `invalidKeys` callback, a malformed invalid key, a value
 * the serializer refuses and a failed write are reported, and the value is simply not cached.
 */
import { CachemeError, quote, toError } from './errors.js';
import { writeGuards } from './guard-names.js';
import { normalizeInvalidKeys } from './key.js';
/** What {@link ValueWriter.decode} returns for a payload that cannot be decoded. */
export const UNDECODABLE = Symbol('cacheme.undecodable');
/** Decodes and writes cached values for one instance. */
export class ValueWriter {
    #parts;
    constructor(parts) {
        this.#parts = parts;
    }
    /**
     * Decodes a stored payload; an undecodable one is reported and returns {@link UNDECODABLE} (the caller
     * treats it as a miss, and the write overwrites it). A sentinel rather than a result object: this runs
     * on every hit.
     */
    decode(payload, entry) {
        try {
            return this.#parts.serializer.deserialize(payload);
        }
        catch (error) {
            this.#parts.events.report(new CachemeError('E_DESERIALIZATION', `cached payload of ${quote(entry.fullKey)} could not be decoded → it is recomputed and overwritten.`, { cause: error }), 'deserialize', entry.fullKey);
            return UNDECODABLE;
        }
    }
    /**
     * Writes a computed value with its dependencies, checked by the race guard against `seq`.
     * @returns the payload stored when the value was stored (and the guard accepted it), else `undefined`.
     */
    async write(definition, entry, c, result, seq) {
        const { storage, keys, serializer, events } = this.#parts;
        const { options, tag } = definition;
        let invalidKeys;
        try {
            const own = options.invalidKeys ? normalizeInvalidKeys(options.invalidKeys(c)) : [];
            invalidKeys = definition.modelKeys.length === 0 ? own : [...new Set([...own, ...definition.modelKeys])];
        }
        catch (error) {
            // Without its dependencies the value could never be invalidated: do not cache it.
            events.report(wrapCallbackError(error, 'invalidKeys', tag), 'invalidKeys', entry.fullKey);
            return undefined;
        }
        let payload;
        try {
            payload = serializer.serialize(result);
        }
        catch (error) {
            events.report(new CachemeError('E_SERIALIZATION', `the result for ${quote(entry.fullKey)} cannot be serialized: ${toError(error).message} → return plain data, or configure a 'serializer' that supports it.`, { cause: error }), 'serialize', entry.fullKey);
            return undefined;
        }
        const sets = invalidKeys.map((invalid) => keys.invalidSet(invalid));
        sets.push(keys.tagSet(tag));
        const ttlMs = options.timeout === undefined ? undefined : Math.max(1, Math.round(options.timeout * 1000));
        try {
            const request = { entry, payload, ttlMs, sets, guards: writeGuards(invalidKeys, tag), seq };
            return (await storage.write(request)) ? payload : undefined;
        }
        catch (error) {
            if (!CachemeError.is(error, 'E_STORAGE_UNSUPPORTED'))
                events.report(error, 'write', entry.fullKey);
            return undefined;
        }
    }
}
/** A user callback's error as `E_CALLBACK` (a CachemeError it threw is kept as is). */
export function wrapCallbackError(error, callback, where) {
    if (CachemeError.is(error))
        return error;
    return new CachemeError('E_CALLBACK', `the '${callback}' callback for ${quote(where)} threw: ${toError(error).message} → fix the callback; the value was still returned to the caller.`, { cause: error });
}
//# sourceMappingURL=value-writer.js.map