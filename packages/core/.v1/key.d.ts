import type { EntryRef, MetaKeys } from './storage/storage.js';
/** Validates a prefix: non-empty, no `>` (so that full keys parse like user keys, see `key-grammar.ts`). */
export declare function assertPrefix(prefix: unknown): asserts prefix is string;
/**
 * Validates a user key `K` and returns where its value lives.
 * @throws CachemeError `E_INVALID_KEY` for anything but a well-formed key.
 */
export declare function entryRef(prefix: string, key: unknown): EntryRef;
/** Validates one invalid key `I` (a string naming something that can change, e.g. `User:200`). */
export declare function assertInvalidKey(key: unknown): asserts key is string;
/**
 * Flattens what an `invalidKeys` callback returned (a string or nested arrays of strings; `null` and
 * `undefined` dropped) into unique, validated invalid keys.
 */
export declare function normalizeInvalidKeys(value: unknown): string[];
/** The invalidation set of invalid key `I`. */
export declare function invalidSetKey(prefix: string, invalidKey: string): string;
/** The tag index set of tag `T`. */
export declare function tagSetKey(prefix: string, tag: string): string;
/** The cross-process stampede lock of user key `K` (a STRING holding the owner's token). */
export declare function lockKey(prefix: string, key: string): string;
/** The meta keys of a prefix. */
export declare function metaKeys(prefix: string): MetaKeys;
/** A journal (a bounded LIST of records, e.g. the admin's history) named `name`. */
export declare function journalKey(prefix: string, name: string): string;
/** One bucket (e.g. a minute) of the counter series `name` (a HASH of integers, e.g. hit/miss statistics). */
export declare function countersKey(prefix: string, name: string, bucket: string): string;
/** Escapes Redis glob metacharacters so that `text` matches itself literally in a SCAN pattern. */
export declare function escapeGlob(text: string): string;
/**
 * The key layout of one prefix, built once per instance: every name the cache path and the invalidation
 * component need, without passing the prefix around.
 */
export declare class KeySpace {
    /** The validated prefix. */
    readonly prefix: string;
    /** The race guard's meta keys of this prefix. */
    readonly meta: MetaKeys;
    /** @throws CachemeError `E_INVALID_OPTION` for an invalid prefix. */
    constructor(prefix: string);
    /** Where the value of user key `key` lives. @throws CachemeError `E_INVALID_KEY` */
    entry(key: unknown): EntryRef;
    /** The full key `P+K` of a user key. */
    full(key: string): string;
    /** The invalidation set of invalid key `I`. */
    invalidSet(invalidKey: string): string;
    /** The tag index set of `tag`. */
    tagSet(tag: string): string;
    /** The stampede lock of user key `key`. */
    lock(key: string): string;
    /** A SCAN pattern: the literal prefix followed by `pattern` (a Redis glob). */
    match(pattern: string): string;
    /** The SCAN pattern of every invalidation set of `model`'s keys (`P+Model+':*:invalid'`). */
    modelSets(model: string): string;
    /** The SCAN pattern of every tag index set under the prefix. */
    tagSets(): string;
    /** The tag a tag index set belongs to, or `undefined` for another key. */
    tagOf(setKey: string): string | undefined;
    /** The SCAN pattern of every invalidation set under the prefix. */
    invalidSets(): string;
    /** The invalid key an invalidation set belongs to, or `undefined` for another key. */
    invalidKeyOf(setKey: string): string | undefined;
    /** The user key of a full key under this prefix, or `undefined` when it is not under it. */
    userKey(fullKey: string): string | undefined;
    /** The journal `name`. */
    journal(name: string): string;
    /** Bucket `bucket` of the counter series `name`. */
    counters(name: string, bucket: string): string;
    /** True for keys under the prefix that are not cacheme's meta keys: what pattern invalidation may touch. */
    isUserSpace(fullKey: string): boolean;
    /** True for an invalidation set's name. */
    isInvalidSet(key: string): boolean;
}
//# sourceMappingURL=key.d.ts.map