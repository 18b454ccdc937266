/**
 * The introspection and record operations of {@link MemoryStorage} (see `introspection.ts`), with the
 * same results as `RedisStorage` on a single Redis.
 *
 * Cursors: Redis' cursors walk its hash table; a JavaScript `Map` or `Set` has no stable position to
 * resume from once elements are removed, so a page here sorts the names and the cursor is the last name
 * examined (encoded). That keeps SCAN's guarantee — every element present for the whole iteration is
 * returned, and exactly once — at O(n log n) per page, which is fine for an embedded, per-process store.
 */
import { CachemeError, quote } from '../errors.js'
import type {
  DrainResult,
  EntryInfo,
  FieldInfo,
  KeyInfo,
  Page,
  PageOptions,
  ScanPageOptions,
} from './introspection.js'
import type { MemoryKeyspace, Slot } from './memory-keyspace.js'
import { redisGlobToRegExp } from './redis-glob.js'
import type { EntryRef } from './storage.js'
import { checkedTtl } from './storage-checks.js'

/** Introspection and records over one MemoryStorage's keyspace. */
export class MemoryIntrospection {
  readonly #space: MemoryKeyspace
  readonly #removeEntry: (member: string) => boolean

  /** @param removeEntry removes the entry a set member names (as `invalidate` does); true if one was removed. */
  constructor(space: MemoryKeyspace, removeEntry: (member: string) => boolean) {
    this.#space = space
    this.#removeEntry = removeEntry
  }

  async scanPage(options: ScanPageOptions): Promise<Page<string>> {
    const matcher = redisGlobToRegExp(options.match)
    return page(
      this.#space.keys(),
      options,
      (key) => matcher.test(key) && this.#space.slot(key) !== undefined,
    )
  }

  async setPage(set: string, options: PageOptions): Promise<Page<string>> {
    const members = this.#lenient(set, 'set')?.members
    return page(members ? [...members] : [], options, () => true)
  }

  async hashPage(hash: string, options: PageOptions): Promise<Page<FieldInfo>> {
    const fields = this.#lenient(hash, 'hash')?.fields ?? new Map<string, string>()
    const names = page([...fields.keys()], options, () => true)
    return {
      cursor: names.cursor,
      items: names.items.map((field) => ({ field, bytes: Buffer.byteLength(fields.get(field) ?? '') })),
    }
  }

  async describeKeys(keys: readonly string[]): Promise<KeyInfo[]> {
    const now = Date.now()
    return keys.map((key) => {
      const slot = this.#space.slot(key, now)
      if (slot === undefined) return { key, type: 'none', ttlMs: undefined, size: 0 }
      const { value } = slot
      const size =
        value.type === 'hash'
          ? value.fields.size
          : value.type === 'set'
            ? value.members.size
            : value.type === 'zset'
              ? value.scores.size
              : value.type === 'list'
                ? value.items.length
                : Buffer.byteLength(value.value)
      return { key, type: value.type, ttlMs: ttlOf(slot, now), size }
    })
  }

  async describeEntries(entries: readonly EntryRef[], peekBytes: number): Promise<EntryInfo[]> {
    const peek = peekBytes === 0 ? 0 : positive(peekBytes, 'peekBytes')
    const now = Date.now()
    return entries.map((entry) => {
      const slot = this.#space.slot(entry.hash, now)
      const payload = slot?.value.type === 'hash' ? slot.value.fields.get(entry.field) : undefined
      if (slot === undefined || payload === undefined) {
        return { exists: false, bytes: 0, ttlMs: undefined, payload: undefined }
      }
      const bytes = Buffer.from(payload, 'utf8')
      return {
        exists: true,
        bytes: bytes.length,
        ttlMs: ttlOf(slot, now),
        payload:
          peek === 0 ? undefined : bytes.length <= peek ? payload : bytes.subarray(0, peek).toString('utf8'),
      }
    })
  }

  async isMember(sets: readonly string[], member: string): Promise<boolean[]> {
    return sets.map((set) => {
      const value = this.#space.slot(set)?.value
      return value?.type === 'set' && value.members.has(member)
    })
  }

  async drainSet(set: string, count: number): Promise<DrainResult> {
    const n = positive(count, 'count')
    const value = this.#space.slot(set)?.value
    if (value === undefined) return { removed: 0, remaining: 0 }
    if (value.type !== 'set') return { removed: 0, remaining: 0, foreign: true }
    let removed = 0
    for (const member of [...value.members].slice(0, n)) {
      value.members.delete(member)
      if (this.#removeEntry(member)) removed++
    }
    if (value.members.size === 0) this.#space.delete(set)
    return { removed, remaining: value.members.size }
  }

  async pushList(key: string, value: string, maxLength: number): Promise<void> {
    const max = positive(maxLength, 'maxLength')
    const list = this.#space.typed(key, 'list')
    if (list === undefined) {
      this.#space.set(key, { value: { type: 'list', items: [value] }, expiresAt: undefined })
      return
    }
    list.items.unshift(value)
    list.items.length = Math.min(list.items.length, max)
  }

  async listRange(key: string, offset: number, count: number): Promise<string[]> {
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new CachemeError('E_INVALID_OPTION', `offset ${quote(offset)} is not a non-negative integer.`)
    }
    const items = this.#lenient(key, 'list')?.items ?? []
    return items.slice(offset, offset + positive(count, 'count'))
  }

  async addCounters(key: string, increments: Readonly<Record<string, number>>, ttlMs: number): Promise<void> {
    const ttl = checkedTtl(positive(ttlMs, 'ttlMs'))!
    const entries = Object.entries(increments)
    for (const [field, increment] of entries) {
      if (!Number.isSafeInteger(increment)) {
        throw new CachemeError(
          'E_INVALID_OPTION',
          `counter ${quote(field)} increment ${quote(increment)} is not an integer → pass whole numbers.`,
        )
      }
    }
    const changes = entries.filter(([, increment]) => increment !== 0)
    if (changes.length === 0) return
    let hash = this.#space.typed(key, 'hash')
    if (hash === undefined) {
      hash = { type: 'hash', fields: new Map() }
      this.#space.set(key, { value: hash, expiresAt: undefined })
    }
    for (const [field, increment] of changes) {
      hash.fields.set(field, String(Number(hash.fields.get(field) ?? 0) + increment))
    }
    const slot = this.#space.slot(key)
    if (slot !== undefined) slot.expiresAt = Date.now() + ttl
  }

  /** Reads treat a key of another type as empty (as the Redis implementation does); writes throw. */
  #lenient<T extends 'hash' | 'set' | 'list'>(key: string, type: T) {
    const value = this.#space.slot(key)?.value
    return value?.type === type ? (value as Extract<typeof value, { type: T }>) : undefined
  }

  async readCounters(keys: readonly string[]): Promise<Record<string, number>[]> {
    return keys.map((key) => {
      const value = this.#space.slot(key)?.value
      const out: Record<string, number> = {}
      if (value?.type !== 'hash') return out
      for (const [field, text] of value.fields) {
        const n = Number(text)
        if (Number.isFinite(n)) out[field] = n
      }
      return out
    })
  }
}

/** One page over `names` (sorted), resuming after the cursor's name; `count` names are examined. */
function page(names: string[], options: PageOptions, keep: (name: string) => boolean): Page<string> {
  const count = positive(options.count, 'count')
  const after = decodeCursor(options.cursor)
  const sorted = names.sort()
  let start = 0
  if (after !== undefined) {
    // Binary search for the first name after the cursor.
    let high = sorted.length
    while (start < high) {
      const mid = (start + high) >>> 1
      if ((sorted[mid] as string) <= after) start = mid + 1
      else high = mid
    }
  }
  const examined = sorted.slice(start, start + count)
  const done = start + count >= sorted.length
  const last = examined[examined.length - 1]
  return {
    cursor: done || last === undefined ? '0' : `m${Buffer.from(last, 'utf8').toString('base64url')}`,
    items: examined.filter(keep),
  }
}

function decodeCursor(cursor: string): string | undefined {
  if (cursor === '0') return undefined
  if (typeof cursor !== 'string' || !/^m[A-Za-z0-9_-]*$/.test(cursor)) {
    throw new CachemeError(
      'E_INVALID_OPTION',
      `cursor ${quote(cursor)} was not returned by this storage → start again from '0'.`,
    )
  }
  return Buffer.from(cursor.slice(1), 'base64url').toString('utf8')
}

function ttlOf(slot: Slot, now: number): number | undefined {
  return slot.expiresAt === undefined ? undefined : Math.max(0, slot.expiresAt - now)
}

function positive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new CachemeError(
      'E_INVALID_OPTION',
      `${name} ${quote(value)} is not a positive integer → pass e.g. 100.`,
    )
  }
  return value
}
