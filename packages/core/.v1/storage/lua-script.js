/**
 * The Lua scripts of {@link RedisStorage}, composed from their sources and run with EVALSHA.
 *
 * Why Lua files: the scripts are the heart of the correctness protocol and are easier to read, review
 * and lint as Lua. They reach this module as `lua-sources.generated.ts`, a plain TypeScript module that
 * `scripts/generate-lua.mjs` writes from `./scripts/*.lua` (committed; the build and a unit test fail
 * when it is out of date). So bundlers keep them, and nothing reads files at run time.
 *
 * Shared pieces (`*-lib.lua`) define `local function`s and are concatenated in front of the scripts that
 * use them. Redis forbids global functions in EVAL scripts, and local functions of the same chunk are
 * visible to the code after them.
 *
 * Why EVALSHA with an EVAL fallback rather than ioredis' `defineCommand`: the client belongs to the
 * application and `defineCommand` would add methods to it. EVALSHA costs one round trip; only the first
 * call per server (or after SCRIPT FLUSH / a restart) pays a second one for the NOSCRIPT fallback.
 */
import { createHash } from 'node:crypto';
import { luaSources } from './scripts/lua-sources.generated.js';
/** One Lua script, identified by the SHA1 of its (composed) source. */
export class LuaScript {
    /** For error messages and debugging. */
    name;
    #source;
    #sha;
    constructor(name, source) {
        this.name = name;
        this.#source = source;
        this.#sha = createHash('sha1').update(source).digest('hex');
    }
    /**
     * Runs the script. On Cluster every key must hash to the same slot (the first key routes the call).
     * Rejects with the server's error; only NOSCRIPT is handled (by sending the source once with EVAL).
     */
    async run(client, keys, args) {
        try {
            return await client.evalsha(this.#sha, keys.length, ...keys, ...args);
        }
        catch (error) {
            if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT'))
                throw error;
            return client.eval(this.#source, keys.length, ...keys, ...args);
        }
    }
}
let composed;
/** Composes the scripts (once per process): each script's libraries first, then the script itself. */
export function redisScripts() {
    if (composed !== undefined)
        return composed;
    const script = (name, ...libs) => new LuaScript(name, [...libs, name].map((file) => luaSources[file]).join('\n'));
    composed = {
        write: script('write', 'guardLib', 'setLib'),
        invalidate: script('invalidate', 'logLib', 'memberLib', 'noticeLib'),
        logGuards: script('logGuards', 'logLib'),
        liveMembers: script('liveMembers', 'memberLib'),
        checkGuards: script('checkGuards', 'guardLib'),
        writeEntry: script('writeEntry'),
        addToSet: script('addToSet', 'setLib'),
        popSet: script('popSet'),
        deleteFields: script('deleteFields'),
        deleteIfEqual: script('deleteIfEqual'),
        fieldsExist: script('fieldsExist'),
        releaseLock: script('releaseLock'),
        confirmEntry: script('confirmEntry'),
        describeKey: script('describeKey'),
        describeEntry: script('describeEntry'),
        hashPage: script('hashPage'),
        drainSet: script('drainSet', 'memberLib'),
        pushList: script('pushList'),
        addCounters: script('addCounters'),
    };
    return composed;
}
//# sourceMappingURL=lua-script.js.map