/** What a script needs from an ioredis `Redis` or `Cluster` (which routes by the first key). */
export interface ScriptClient {
    evalsha(sha: string, numkeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
    eval(script: string, numkeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
}
/** One Lua script, identified by the SHA1 of its (composed) source. */
export declare class LuaScript {
    #private;
    /** For error messages and debugging. */
    readonly name: string;
    constructor(name: string, source: string);
    /**
     * Runs the script. On Cluster every key must hash to the same slot (the first key routes the call).
     * Rejects with the server's error; only NOSCRIPT is handled (by sending the source once with EVAL).
     */
    run(client: ScriptClient, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}
/** Every script RedisStorage runs, by purpose. See each `.lua` file for its KEYS/ARGV layout. */
export interface RedisScripts {
    /** Single Redis: guard check + memberships + value, atomically. */
    readonly write: LuaScript;
    /** Single Redis: log + remove entries + delete sets, atomically. */
    readonly invalidate: LuaScript;
    /** Both: log guard names (the {meta} keys share a slot). */
    readonly logGuards: LuaScript;
    /** Single Redis: live members of a set, pruning dead ones atomically. */
    readonly liveMembers: LuaScript;
    /** Cluster: the guard check on the {meta} slot. */
    readonly checkGuards: LuaScript;
    /** Cluster: HSET + PEXPIRE LT on the hash's slot. */
    readonly writeEntry: LuaScript;
    /** Cluster: one membership with TTL rules on the set's slot. */
    readonly addToSet: LuaScript;
    /** Cluster: SMEMBERS + DEL atomically. */
    readonly popSet: LuaScript;
    /** Cluster: HDEL that ignores keys of other types. */
    readonly deleteFields: LuaScript;
    /** Cluster: compare-and-delete of a rejected value. */
    readonly deleteIfEqual: LuaScript;
    /** Cluster: HEXISTS of several fields of one hash. */
    readonly fieldsExist: LuaScript;
    /** Cluster: pending marker → value, if the marker is still ours. */
    readonly confirmEntry: LuaScript;
    /** Both: compare-and-delete of a stampede lock. */
    readonly releaseLock: LuaScript;
    /** Both (introspection): TYPE + PTTL + size of one key. */
    readonly describeKey: LuaScript;
    /** Both (introspection): existence, length, TTL and the first bytes of one entry. */
    readonly describeEntry: LuaScript;
    /** Both (introspection): one HSCAN step with payload lengths, not payloads. */
    readonly hashPage: LuaScript;
    /** Single Redis: SPOP up to n members + remove their entries, atomically. */
    readonly drainSet: LuaScript;
    /** Both (records): LPUSH + LTRIM. */
    readonly pushList: LuaScript;
    /** Both (records): HINCRBY each + PEXPIRE. */
    readonly addCounters: LuaScript;
}
/** Composes the scripts (once per process): each script's libraries first, then the script itself. */
export declare function redisScripts(): RedisScripts;
//# sourceMappingURL=lua-script.d.ts.map