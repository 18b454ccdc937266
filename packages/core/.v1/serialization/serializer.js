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
import { DEVALUE_HEADER, decodeDevalue, encodeDevalue } from './devalue-format.js';
import { decodeTaggedJson, encodeTaggedJson, TAGGED_JSON_HEADER } from './tagged-json.js';
/**
 * The default serializer: type-faithful (`Date`, `BigInt`, `Map`, `Set`, `Buffer`, typed arrays,
 * `undefined`, `-0`, `NaN`, repeated and cyclic references), with a JSON fast path for plain data and
 * Dates. Class instances are stored as their own enumerable properties and come back as plain objects.
 * @example
 * const s = defaultSerializer()
 * s.deserialize(s.serialize({ at: new Date(0), ids: new Set([1n]) })) // same shape and types
 */
export function defaultSerializer() {
    return {
        serialize(value) {
            return encodeTaggedJson(value) ?? encodeDevalue(value);
        },
        deserialize(payload) {
            if (payload.startsWith(TAGGED_JSON_HEADER)) {
                return decodeTaggedJson(payload.slice(TAGGED_JSON_HEADER.length));
            }
            if (payload.startsWith(DEVALUE_HEADER))
                return decodeDevalue(payload);
            throw new Error(`payload starts with neither '${TAGGED_JSON_HEADER}' nor '${DEVALUE_HEADER}' (another serializer wrote it?)`);
        },
    };
}
/**
 * The devalue serializer: always the `cm1:` format (the default of cacheme before the JSON fast path;
 * slower to encode and decode). Same types as {@link defaultSerializer}.
 */
export function devalueSerializer() {
    return { serialize: encodeDevalue, deserialize: decodeDevalue };
}
/**
 * A plain JSON serializer, for payloads other languages must read. Loses `undefined` inside objects,
 * `Date` (becomes a string), `Map`, `Set`, `BigInt` (throws). `undefined` as a whole value is kept.
 */
export function jsonSerializer() {
    return {
        serialize(value) {
            return value === undefined ? 'u' : `j${JSON.stringify(value)}`;
        },
        deserialize(payload) {
            if (payload === 'u')
                return undefined;
            if (!payload.startsWith('j'))
                throw new Error('payload is not a cacheme JSON payload');
            return JSON.parse(payload.slice(1));
        },
    };
}
//# sourceMappingURL=serializer.js.map