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
import { createHash } from 'node:crypto'
import { type LuaFile, luaSources } from './scripts/lua-sources.generated.js'

/** What a script needs from an ioredis `Redis` or `Cluster` (which routes by the first key). */
export interface ScriptClient {
  evalsha(sha: string, numkeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>
  eval(script: string, numkeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>
}

/** One Lua script, identified by the SHA1 of its (composed) source. */
export class LuaScript {
  /** For error messages and debugging. */
  readonly name: string
  readonly #source: string
  readonly #sha: string

  constructor(name: string, source: string) {
    this.name = name
    this.#source = source
    this.#sha = createHash('sha1').update(source).digest('hex')
  }

  /**
   * Runs the script. On Cluster every key must hash to the same slot (the first key routes the call).
   * Rejects with the server's error; only NOSCRIPT is handled (by sending the source once with EVAL).
   */
  async run(
    client: ScriptClient,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await client.evalsha(this.#sha, keys.length, ...keys, ...args)
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
      return client.eval(this.#source, keys.length, ...keys, ...args)
    }
  }
}

/** Every script RedisStorage runs, by purpose. See each `.lua` file for its KEYS/ARGV layout. */
export interface RedisScripts {
  /** Single Redis: guard check + memberships + value, atomically, then a bounded prune of its sets. */
  readonly write: LuaScript
  /** Single Redis: log + remove entries + delete sets, atomically. */
  readonly invalidate: LuaScript
  /** Both: log guard names (the {meta} keys share a slot). */
  readonly logGuards: LuaScript
  /** Single Redis: live members of a set, pruning dead ones atomically. */
  readonly liveMembers: LuaScript
  /** Cluster: the guard check on the {meta} slot. */
  readonly checkGuards: LuaScript
  /** Cluster: HSET + PEXPIRE LT on the hash's slot. */
  readonly writeEntry: LuaScript
  /** Cluster: one membership with TTL rules on the set's slot. */
  readonly addToSet: LuaScript
  /** Cluster: SMEMBERS + DEL atomically. */
  readonly popSet: LuaScript
  /** Cluster: HDEL that ignores keys of other types. */
  readonly deleteFields: LuaScript
  /** Cluster: compare-and-delete of a rejected value. */
  readonly deleteIfEqual: LuaScript
  /** Cluster: HEXISTS of several fields of one hash. */
  readonly fieldsExist: LuaScript
  /** Cluster: pending marker → value, if the marker is still ours. */
  readonly confirmEntry: LuaScript
  /** Both: compare-and-delete of a stampede lock. */
  readonly releaseLock: LuaScript
  /** Both (introspection): TYPE + PTTL + size of one key. */
  readonly describeKey: LuaScript
  /** Both (introspection): existence, length, TTL and the first bytes of one entry. */
  readonly describeEntry: LuaScript
  /** Both (introspection): one HSCAN step with payload lengths, not payloads. */
  readonly hashPage: LuaScript
  /** Single Redis: SPOP up to n members + remove their entries, atomically. */
  readonly drainSet: LuaScript
  /** Both (records): LPUSH + LTRIM. */
  readonly pushList: LuaScript
  /** Both (records): HINCRBY each + PEXPIRE. */
  readonly addCounters: LuaScript
}

/** The shebang of scripts allowed to run at maxmemory (see {@link redisScripts}). */
const ALLOW_OOM = '#!lua flags=allow-oom'

let composed: RedisScripts | undefined

/** Composes the scripts (once per process): each script's libraries first, then the script itself. */
export function redisScripts(): RedisScripts {
  if (composed !== undefined) return composed
  const script = (name: LuaFile, ...libs: LuaFile[]): LuaScript =>
    new LuaScript(name, [...libs, name].map((file) => luaSources[file]).join('\n'))
  // Scripts that only delete and log must run when Redis is full (maxmemory under noeviction): deleting
  // frees memory, and a refused invalidation is stale data in every other process. `allow-oom` (Redis
  // ≥ 7.0) lets the whole script run; the shebang must be its first line, so it goes in front here.
  const allowOom = (name: LuaFile, ...libs: LuaFile[]): LuaScript =>
    new LuaScript(name, [ALLOW_OOM, ...[...libs, name].map((file) => luaSources[file])].join('\n'))
  composed = {
    write: script('write', 'guardLib', 'setLib', 'memberLib'),
    invalidate: allowOom('invalidate', 'logLib', 'memberLib', 'noticeLib'),
    logGuards: allowOom('logGuards', 'logLib'),
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
  }
  return composed
}
