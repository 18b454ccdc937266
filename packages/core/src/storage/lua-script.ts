/**
 * The Lua scripts of {@link RedisStorage}, loaded from `./scripts/*.lua` and run with EVALSHA.
 *
 * Why files and not inline strings: the scripts are the heart of the correctness protocol and are easier
 * to read, review and lint as Lua. The build copies them next to the compiled module
 * (`scripts/copy-lua.mjs`), so they are found relative to `import.meta.url` both from `src` (tests) and
 * from `dist` (the published package).
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
import { readFileSync } from 'node:fs'

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
  /** Single Redis: guard check + memberships + value, atomically. */
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
}

let loaded: RedisScripts | undefined

/**
 * Loads (once per process) and composes the scripts.
 * @throws when the `.lua` files are missing next to this module (a broken build or bundling).
 */
export function redisScripts(): RedisScripts {
  if (loaded !== undefined) return loaded
  const cache = new Map<string, string>()
  const file = (name: string): string => {
    let text = cache.get(name)
    if (text === undefined) {
      text = readFileSync(new URL(`./scripts/${name}.lua`, import.meta.url), 'utf8')
      cache.set(name, text)
    }
    return text
  }
  const script = (name: string, ...libs: string[]): LuaScript =>
    new LuaScript(name, [...libs, name].map(file).join('\n'))
  loaded = {
    write: script('write', 'guard-lib', 'set-lib'),
    invalidate: script('invalidate', 'log-lib', 'member-lib'),
    logGuards: script('log-guards', 'log-lib'),
    liveMembers: script('live-members', 'member-lib'),
    checkGuards: script('check-guards', 'guard-lib'),
    writeEntry: script('write-entry'),
    addToSet: script('add-to-set', 'set-lib'),
    popSet: script('pop-set'),
    deleteFields: script('delete-fields'),
    deleteIfEqual: script('delete-if-equal'),
    fieldsExist: script('fields-exist'),
    releaseLock: script('release-lock'),
    confirmEntry: script('confirm-entry'),
  }
  return loaded
}
