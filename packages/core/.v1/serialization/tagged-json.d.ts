/**
 * The `cm2:` payload format: plain JSON plus the paths of the values JSON cannot type — the default
 * serializer's fast path for the values ORM apps cache (rows, DTOs, lists of them, with `Date`s).
 *
 * ```
 * cm2:[<value as JSON>]                            no tagged values
 * cm2:[<value as JSON>,[["D",<ms>,...path],...]]   "D": the string at `path` was the Date <ms>
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
 * enumerable properties, exactly what the `cm1:` format stores for them. Symbol-keyed properties are not
 * stored (JSON ignores them).
 *
 * Decoding is strict: anything but this exact shape (trailing bytes, an unknown tag, a path that does not
 * lead to a string, an unparsable date) throws, and the caller treats the payload as a miss. Paths are
 * followed through own properties only, so a payload can never reach `Object.prototype`.
 */
/** The header of the format. */
export declare const TAGGED_JSON_HEADER = "cm2:";
/** Nesting beyond this falls back to devalue (and keeps the walk's recursion bounded). */
export declare const MAX_DEPTH = 200;
/**
 * `cm2:` payload of `value`, or `undefined` when JSON cannot hold it exactly (then use `cm1:`).
 * @throws only what a getter of the value throws.
 */
export declare function encodeTaggedJson(value: unknown): string | undefined;
/**
 * Decodes the body of a `cm2:` payload (what follows the header).
 * @throws for anything but a well-formed body (see module doc).
 */
export declare function decodeTaggedJson(body: string): unknown;
//# sourceMappingURL=tagged-json.d.ts.map