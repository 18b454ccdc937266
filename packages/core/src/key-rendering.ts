/**
 * Keys that rendered a missing value or an object: `Book:${book.id}` with `book.id` undefined gives
 * `Book:undefined`, `User:${user}` gives `User:[object Object]`. Such a key is well formed, so nothing
 * else would notice — but every call that lacks the value shares **one** entry, and each is served
 * whatever the first one cached (docs/decisions/0028-newcomer-safety.md):
 *
 * - `[object …]` (what `String(object)` writes) can only come from interpolating an object, and every
 *   object renders the same: a cache key containing it is `E_INVALID_KEY` (the call rejects, as for any
 *   invalid key); an invalid key containing it is reported and the value is not cached.
 * - `undefined`, `null` and `NaN` as a whole word can be real data (a search for "null"), so they are
 *   a warning — `W_SUSPICIOUS_KEY`, once per tag — and the key is used as it is.
 *
 * Cost: one regular-expression test (≈0.1 µs) per computed key and per invalid key written — on misses
 * only, never on hits; the precise checks run only when it matches.
 *
 * Known limit: a cache key written before this check existed (or by a process without it) may still be
 * served; only computing it again rejects.
 */
import { CachemeError, quote } from './errors.js'
import type { Events } from './events.js'

/** Cheap pre-filter: could the key hold a rendered non-value at all? */
const SUSPECT = /undefined|null|NaN|\[object /
/** `String(object)`: `[object Object]`, `[object Map]`, ... */
const OBJECT = /\[object [A-Za-z]*\]/
/** `undefined` / `null` / `NaN` as a whole word (not inside `nullable` or `undefinedBehaviour`). */
const WORD = /(?:^|[^\w$])(undefined|null|NaN)(?![\w$])/

/** Checks keys and invalid keys for rendered non-values; warns once per tag. */
export class KeyRendering {
  readonly #events: Events
  readonly #warned = new Set<string>()

  constructor(events: Events) {
    this.#events = events
  }

  /**
   * Checks a key (`what` = `'cache key'`) or an invalid key (`'invalid key'`) of `tag`'s call.
   * @throws CachemeError `E_INVALID_KEY` when it contains a rendered object.
   */
  check(key: string, what: 'cache key' | 'invalid key', tag: string): void {
    if (!SUSPECT.test(key)) return
    const object = OBJECT.exec(key)
    if (object !== null) {
      throw new CachemeError(
        'E_INVALID_KEY',
        `${what} ${quote(key)} of ${quote(tag)} contains ${quote(object[0])}, what an object becomes in a template string, so every object would share this one key → interpolate one of its fields (e.g. \`User:\${user.id}\`), not the object.`,
        { details: { key, tag } },
      )
    }
    const word = WORD.exec(key)
    if (word === null || this.#warned.has(tag)) return
    this.#warned.add(tag)
    this.#events.warn({
      code: 'W_SUSPICIOUS_KEY',
      tag,
      key,
      message: `${what} ${quote(key)} of ${quote(tag)} contains ${quote(word[1])}, which is usually a missing value rendered into the key: every call missing it shares one entry, and is served what the first one cached → check the value used in the key (a field not loaded, a wrong argument); ignore this if ${quote(word[1])} is real data. (Warned once per tag.)`,
    })
  }
}
