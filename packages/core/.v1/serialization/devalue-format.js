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
 *   audience. The prototype is not restored on read: what comes back is data, never behaviour.
 */
import { parse, stringify } from 'devalue';
/** The header of the format. */
export const DEVALUE_HEADER = 'cm1:';
/** Built-in types that are not "user classes" (devalue handles them, or they have no plain form). */
const BUILTIN_TYPES = [
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
];
/** True for instances of user-defined classes (not plain objects, arrays or types devalue handles). */
export function isClassInstance(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null)
        return false;
    if (ArrayBuffer.isView(value))
        return false;
    return !BUILTIN_TYPES.some((type) => value instanceof type);
}
/** Plain copy of a class instance: `toJSON()` when it has one (as JSON does), else own enumerable props. */
function toPlain(value) {
    const withToJson = value;
    if (typeof withToJson.toJSON === 'function')
        return withToJson.toJSON();
    return { ...value };
}
const reducers = {
    // Checked first: Buffer is a Uint8Array subclass and would otherwise come back as a plain Uint8Array.
    Buffer: (value) => Buffer.isBuffer(value) && value.toString('base64'),
    // URL and URLSearchParams are built in, but devalue has no native support: keep them as strings.
    URL: (value) => value instanceof URL && value.href,
    URLSearchParams: (value) => value instanceof URLSearchParams && value.toString(),
    Instance: (value) => (isClassInstance(value) ? [toPlain(value)] : false),
};
const revivers = {
    Buffer: (value) => Buffer.from(value, 'base64'),
    URL: (value) => new URL(value),
    URLSearchParams: (value) => new URLSearchParams(value),
    Instance: ([plain]) => plain,
};
/** `cm1:` + devalue. @throws for values devalue cannot hold (functions, symbols, symbol keys, ...). */
export function encodeDevalue(value) {
    return DEVALUE_HEADER + stringify(value, reducers);
}
/** Decodes a `cm1:` payload. @throws when the header or the body is not valid. */
export function decodeDevalue(payload) {
    if (!payload.startsWith(DEVALUE_HEADER)) {
        throw new Error(`payload does not start with the '${DEVALUE_HEADER}' header`);
    }
    return parse(payload.slice(DEVALUE_HEADER.length), revivers);
}
//# sourceMappingURL=devalue-format.js.map