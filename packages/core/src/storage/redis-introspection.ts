/**
 * The introspection and record operations of {@link RedisStorage} (see `introspection.ts`), for a single
 * Redis and for Cluster alike. Almost all of them touch one key per command or script, which Cluster
 * routes by itself; only two differ:
 *
 * - `scanPage` walks one server on a single Redis and every master in turn on Cluster. The Cluster cursor
 *   is `<master index>.<that master's cursor>`, masters sorted by `host:port` so the order is the same for
 *   every call (and every process).
 * - `drainSet` is one script on a single Redis (SPOP + HDEL atomically); on Cluster the members' hashes live
 *   on other slots, so it pops first (atomic on the set's slot), then deletes the fields per hash and, if
 *   that fails, puts the popped members back so that a retry still finds them.
 *
 * Every call is bounded by its arguments (COUNT, number of keys): nothing here runs a script whose cost
 * grows with the size of the data, so browsing never blocks the server for long.
 *
 * Known limits: a Cluster cursor is only meaningful while the set of masters stays the same; after a
 * topology change it may skip or repeat keys (as any SCAN may repeat). Commands run in parallel, one per
 * key; on a single Redis ioredis writes them back to back, so a description of N keys costs one round
 * trip of latency.
 */
import type { Cluster, Redis } from 'ioredis'
import { CachemeError, quote } from '../errors.js'
import { parseMemberKey } from '../key-grammar.js'
import type {
  DrainResult,
  EntryInfo,
  FieldInfo,
  KeyInfo,
  Page,
  PageOptions,
  ScanPageOptions,
} from './introspection.js'
import type { RedisScripts } from './lua-script.js'
import { isPending, PENDING_PREFIX } from './pending-marker.js'
import { chunks, integerReply } from './redis-shared.js'
import type { EntryRef } from './storage.js'

/** Introspection and records over one ioredis client. */
export class RedisIntrospection {
  readonly #client: Redis | Cluster
  readonly #scripts: RedisScripts
  readonly #servers: () => Promise<Redis[]>

  /** @param servers the server, or every Cluster master (see `RedisOps.servers`). */
  constructor(client: Redis | Cluster, scripts: RedisScripts, servers: () => Promise<Redis[]>) {
    this.#client = client
    this.#scripts = scripts
    this.#servers = servers
  }

  /** One SCAN step (see the module doc for the Cluster cursor). */
  async scanPage(options: ScanPageOptions): Promise<Page<string>> {
    const count = checkedCount(options.count)
    const servers = await this.#servers()
    const nodes = this.#client.isCluster
      ? [...servers].sort((a, b) => address(a).localeCompare(address(b)))
      : servers
    let [index, cursor] = parseCursor(options.cursor, this.#client.isCluster)
    const node = nodes[index]
    if (node === undefined) throw badCursor(options.cursor)
    const [next, keys] = await node.scan(cursor, 'MATCH', options.match, 'COUNT', count)
    cursor = next
    if (cursor === '0') {
      index += 1
      if (index >= nodes.length) return { cursor: '0', items: keys }
    }
    return { cursor: this.#client.isCluster ? `${index}.${cursor}` : cursor, items: keys }
  }

  /** One SSCAN step (a key of another type has no members). */
  async setPage(set: string, options: PageOptions): Promise<Page<string>> {
    const count = checkedCount(options.count)
    const [, cursor] = parseCursor(options.cursor, false)
    try {
      const [next, members] = await this.#client.sscan(set, cursor, 'COUNT', count)
      return { cursor: next, items: members }
    } catch (error) {
      if (isWrongType(error)) return { cursor: '0', items: [] }
      throw error
    }
  }

  /** One HSCAN step through `hash-page.lua` (lengths only; pending markers skipped). */
  async hashPage(hash: string, options: PageOptions): Promise<Page<FieldInfo>> {
    const count = checkedCount(options.count)
    const [, cursor] = parseCursor(options.cursor, false)
    const reply = await this.#scripts.hashPage.run(this.#client, [hash], [cursor, count, PENDING_PREFIX])
    if (!Array.isArray(reply) || typeof reply[0] !== 'string') throw protocol('hash-page', reply)
    const items: FieldInfo[] = []
    for (let i = 1; i + 1 < reply.length; i += 2) {
      items.push({ field: String(reply[i]), bytes: integerReply(reply[i + 1], 'hash-page') })
    }
    return { cursor: reply[0], items }
  }

  /** `describe-key.lua` per key, in parallel. */
  describeKeys(keys: readonly string[]): Promise<KeyInfo[]> {
    return Promise.all(
      keys.map(async (key) => {
        const reply = await this.#scripts.describeKey.run(this.#client, [key], [])
        if (!Array.isArray(reply) || typeof reply[0] !== 'string') throw protocol('describe-key', reply)
        const pttl = integerReply(reply[1], 'describe-key')
        return { key, type: reply[0], ttlMs: ttl(pttl), size: integerReply(reply[2], 'describe-key') }
      }),
    )
  }

  /** `describe-entry.lua` per entry, in parallel (a pending marker is reported as missing). */
  describeEntries(entries: readonly EntryRef[], peekBytes: number): Promise<EntryInfo[]> {
    const peek = checkedPeek(peekBytes)
    // Peek far enough to recognise a pending marker even when the caller wants no payload.
    const read = Math.max(peek, PENDING_PREFIX.length)
    return Promise.all(
      entries.map(async (entry) => {
        const reply = await this.#scripts.describeEntry.run(this.#client, [entry.hash], [entry.field, read])
        if (!Array.isArray(reply) || reply.length !== 4) throw protocol('describe-entry', reply)
        const head = Buffer.isBuffer(reply[3]) ? reply[3].toString('utf8') : String(reply[3])
        if (integerReply(reply[0], 'describe-entry') === 0 || isPending(head)) return MISSING
        return {
          exists: true,
          bytes: integerReply(reply[1], 'describe-entry'),
          ttlMs: ttl(integerReply(reply[2], 'describe-entry')),
          payload: peek === 0 ? undefined : cutBytes(head, peek),
        }
      }),
    )
  }

  /** SISMEMBER per set, in parallel; a key of another type is not a set the member belongs to. */
  isMember(sets: readonly string[], member: string): Promise<boolean[]> {
    return Promise.all(
      sets.map(async (set) => {
        try {
          return (await this.#client.sismember(set, member)) === 1
        } catch (error) {
          if (isWrongType(error)) return false
          throw error
        }
      }),
    )
  }

  /** One bounded drain step (see the module doc). */
  async drainSet(set: string, count: number): Promise<DrainResult> {
    const n = checkedCount(count)
    if (!this.#client.isCluster) {
      const reply = await this.#scripts.drainSet.run(this.#client, [set], [n])
      if (!Array.isArray(reply)) throw protocol('drain-set', reply)
      const result = {
        removed: integerReply(reply[0], 'drain-set'),
        remaining: integerReply(reply[1], 'drain-set'),
      }
      return reply[2] === 1 ? { ...result, foreign: true } : result
    }
    let popped: string[]
    try {
      popped = await this.#client.spop(set, n)
    } catch (error) {
      if (isWrongType(error)) return { removed: 0, remaining: 0, foreign: true }
      throw error
    }
    let removed = 0
    try {
      removed = await this.#deleteEntries(popped)
    } catch (error) {
      // Put them back: a retried drain (or invalidation) must still find these entries.
      await Promise.all(chunks(popped).map((chunk) => this.#client.sadd(set, ...chunk))).catch(
        () => undefined,
      )
      throw error
    }
    return { removed, remaining: await this.#client.scard(set) }
  }

  /** `push-list.lua`. */
  async pushList(key: string, value: string, maxLength: number): Promise<void> {
    await this.#scripts.pushList.run(this.#client, [key], [value, checkedCount(maxLength)])
  }

  /** LRANGE. */
  async listRange(key: string, offset: number, count: number): Promise<string[]> {
    const start = checkedOffset(offset)
    try {
      return await this.#client.lrange(key, start, start + checkedCount(count) - 1)
    } catch (error) {
      if (isWrongType(error)) return []
      throw error
    }
  }

  /** `add-counters.lua`. */
  async addCounters(key: string, increments: Readonly<Record<string, number>>, ttlMs: number): Promise<void> {
    const args: (string | number)[] = [checkedCount(ttlMs)]
    for (const [field, increment] of Object.entries(increments)) {
      if (!Number.isSafeInteger(increment)) {
        throw new CachemeError(
          'E_INVALID_OPTION',
          `counter ${quote(field)} increment ${quote(increment)} is not an integer → pass whole numbers.`,
        )
      }
      if (increment !== 0) args.push(field, increment)
    }
    if (args.length > 1) await this.#scripts.addCounters.run(this.#client, [key], args)
  }

  /** HGETALL per key, in parallel, as numbers (non-numeric fields are left out). */
  readCounters(keys: readonly string[]): Promise<Record<string, number>[]> {
    return Promise.all(
      keys.map(async (key) => {
        let hash: Record<string, string>
        try {
          hash = await this.#client.hgetall(key)
        } catch (error) {
          if (isWrongType(error)) return {}
          throw error
        }
        const out: Record<string, number> = {}
        for (const [field, value] of Object.entries(hash)) {
          const n = Number(value)
          if (Number.isFinite(n)) out[field] = n
        }
        return out
      }),
    )
  }

  /** HDEL of the entries named by `members`, grouped per hash (Cluster: each hash on its own slot). */
  async #deleteEntries(members: readonly string[]): Promise<number> {
    const byHash = new Map<string, string[]>()
    for (const member of members) {
      const ref = parseMemberKey(member)
      if (ref === undefined) continue
      const fields = byHash.get(ref.hash) ?? []
      if (fields.length === 0) byHash.set(ref.hash, fields)
      fields.push(ref.field)
    }
    const counts = await Promise.all(
      [...byHash].map(([hash, fields]) => this.#scripts.deleteFields.run(this.#client, [hash], fields)),
    )
    return counts.reduce<number>((sum, count) => sum + integerReply(count, 'delete-fields'), 0)
  }
}

const MISSING: EntryInfo = { exists: false, bytes: 0, ttlMs: undefined, payload: undefined }

/** PTTL → ms left, or undefined for persistent (-1) and missing (-2). */
function ttl(pttl: number): number | undefined {
  return pttl >= 0 ? pttl : undefined
}

function address(node: Redis): string {
  return `${node.options.host ?? ''}:${String(node.options.port ?? '').padStart(5, '0')}`
}

/** `'0'` → start; a single Redis cursor is decimal; a Cluster cursor is `<index>.<decimal>`. */
function parseCursor(cursor: string, cluster: boolean): [index: number, cursor: string] {
  if (cursor === '0') return [0, '0']
  const match = (cluster ? /^(\d{1,4})\.(\d{1,20})$/ : /^()(\d{1,20})$/).exec(String(cursor))
  if (match?.[2] === undefined) throw badCursor(cursor)
  return [Number(match[1] || 0), match[2]]
}

function badCursor(cursor: unknown): CachemeError {
  return new CachemeError(
    'E_INVALID_OPTION',
    `cursor ${quote(cursor)} was not returned by this storage → start again from '0'.`,
  )
}

/** A positive integer (COUNT, lengths, TTLs). @throws CachemeError `E_INVALID_OPTION` */
export function checkedCount(value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new CachemeError('E_INVALID_OPTION', `${quote(value)} is not a positive integer → pass e.g. 100.`)
  }
  return value
}

function checkedOffset(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new CachemeError('E_INVALID_OPTION', `offset ${quote(value)} is not a non-negative integer.`)
  }
  return value
}

function checkedPeek(value: number): number {
  return value === 0 ? 0 : checkedCount(value)
}

/** The first `bytes` bytes of `text` as UTF-8 (the server already cut it; this only re-applies the bound). */
function cutBytes(text: string, bytes: number): string {
  const buffer = Buffer.from(text, 'utf8')
  return buffer.length <= bytes ? text : buffer.subarray(0, bytes).toString('utf8')
}

function isWrongType(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('WRONGTYPE')
}

function protocol(script: string, reply: unknown): Error {
  return new Error(`cacheme: ${script} returned ${quote(reply)}, which is not the expected reply`)
}
