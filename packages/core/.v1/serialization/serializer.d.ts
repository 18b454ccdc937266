/** Turns values into strings for storage and back. Must be pure and must never evaluate code on read. */
export interface Serializer {
    /** Encodes a value; throws when the value cannot be represented. */
    serialize(value: unknown): string;
    /** Decodes a payload produced by `serialize`; throws when it cannot. */
    deserialize(payload: string): unknown;
}
/**
 * The default serializer: type-faithful (`Date`, `BigInt`, `Map`, `Set`, `Buffer`, typed arrays,
 * `undefined`, `-0`, `NaN`, repeated and cyclic references), with a JSON fast path for plain data and
 * Dates. Class instances are stored as their own enumerable properties and come back as plain objects.
 * @example
 * const s = defaultSerializer()
 * s.deserialize(s.serialize({ at: new Date(0), ids: new Set([1n]) })) // same shape and types
 */
export declare function defaultSerializer(): Serializer;
/**
 * The devalue serializer: always the `cm1:` format (the default of cacheme before the JSON fast path;
 * slower to encode and decode). Same types as {@link defaultSerializer}.
 */
export declare function devalueSerializer(): Serializer;
/**
 * A plain JSON serializer, for payloads other languages must read. Loses `undefined` inside objects,
 * `Date` (becomes a string), `Map`, `Set`, `BigInt` (throws). `undefined` as a whole value is kept.
 */
export declare function jsonSerializer(): Serializer;
//# sourceMappingURL=serializer.d.ts.map