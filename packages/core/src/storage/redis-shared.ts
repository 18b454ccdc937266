/**
 * Small pieces shared by the single-Redis and the Cluster code paths of {@link RedisStorage}: the
 * internal ops interface both implement, argument/reply conversions, and SCAN over one node.
 */
import type { Redis } from 'ioredis'
import { CachemeError, quote } from '../errors.js'
import type { CacheStorage, MetaKeys, ReadResult, ScanOptions } from './storage.js'
import { checkedSeq, checkedTtl } from './storage-checks.js'

/**
 * What the single-Redis and Cluster implementations provide: the operations of the cache path and of
 * invalidation (`RedisStorage` adds `name`, the check, the locks and introspection, which need no
 * per-topology code path beyond `redis-introspection.ts`), and the servers behind them.
 */
export interface RedisOps
  extends Pick<
    CacheStorage,
    'read' | 'write' | 'invalidate' | 'liveMembers' | 'scan' | 'deleteKeys' | 'logGuards'
  > {
  /** The server, or every Cluster master (connecting a lazy Cluster client first). */
  servers(): Promise<Redis[]>
}

/** How many keys or members go into one command (keeps single commands and Lua `unpack` bounded). */
const CHUNK = 500

/** The TTL argument of the scripts: `''` for none, else whole milliseconds (validated). */
export function ttlArgument(ttlMs: number | undefined): string {
  const ttl = checkedTtl(ttlMs)
  return ttl === undefined ? '' : String(ttl)
}

/** The snapshot argument of the scripts (validated). */
export function seqArgument(seq: number): string {
  return String(checkedSeq(seq))
}

/**
 * The sequence from a GET reply. A missing key is 0 (nothing invalidated yet). Anything unparsable is
 * also 0, which the guard check treats conservatively (below any floor).
 */
export function parseSeq(reply: unknown): number {
  if (typeof reply !== 'string') return 0
  const seq = Number(reply)
  return Number.isFinite(seq) ? seq : 0
}

/** A script's integer reply as a number; a reply of another shape is a protocol error. */
export function integerReply(reply: unknown, script: string): number {
  if (typeof reply === 'number') return reply
  throw new Error(`cacheme: script ${script} returned ${quote(reply)} instead of an integer`)
}

/** A script's reply of `count` integers. */
export function integersReply(reply: unknown, count: number, script: string): number[] {
  if (Array.isArray(reply) && reply.length === count && reply.every((item) => typeof item === 'number')) {
    return reply
  }
  throw new Error(`cacheme: script ${script} returned ${quote(reply)} instead of ${count} integers`)
}

/** A read reply with what was asked along (`undefined`: not asked). */
export function readResult(
  payload: string | null,
  seq: string | null | undefined,
  ttl: number | undefined,
): ReadResult {
  const result: { payload: string | undefined; seq?: number; ttlMs?: number } = {
    payload: payload ?? undefined,
  }
  if (seq !== undefined) result.seq = parseSeq(seq)
  if (ttl !== undefined) result.ttlMs = ttl
  return result
}

/** A read reply without the sequence (HGET's `null` is a missing field). */
export function payloadOnly(payload: string | null): ReadResult {
  return { payload: payload ?? undefined }
}

/** A script's or command's array-of-strings reply. */
export function stringsReply(reply: unknown, what: string): string[] {
  if (Array.isArray(reply) && reply.every((item) => typeof item === 'string')) return reply
  throw new Error(`cacheme: ${what} returned ${quote(reply)} instead of a list of strings`)
}

/** Splits a list into chunks of at most `size` items. */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * SCAN MATCH COUNT over one server until the cursor returns to 0, yielding each non-empty batch. SCAN may
 * return a key more than once (its documented guarantee); callers treat batches as a key stream.
 */
export async function* scanNode(node: Redis, options: ScanOptions): AsyncGenerator<string[]> {
  let cursor = '0'
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', options.match, 'COUNT', options.count)
    cursor = next
    if (keys.length > 0) yield keys
  } while (cursor !== '0')
}

/** What the write and check-guards scripts return when the meta keys hold data of the wrong kind. */
export const FOREIGN_META = 2

/**
 * The error of a write that found a meta key (log, floor) holding data of the wrong kind: the value was
 * not stored, and the storage restarted the sequence (log-lib.lua's repair) before throwing this, so
 * the next miss can cache again. Without it every write would be rejected as stale, silently.
 */
export function foreignMetaError(meta: MetaKeys): CachemeError {
  return new CachemeError(
    'E_STORAGE_DATA',
    `cacheme's meta keys ${quote(meta.log)} / ${quote(meta.floor)} held data of the wrong kind (written by something else under the prefix) → they were reset; keep other writers out of cacheme's prefix. The value was not cached this time.`,
    { details: { log: meta.log, floor: meta.floor } },
  )
}

/** The invalidate script's reply: `{ removed, seq, foreign set names... }`. */
export function invalidateReply(reply: unknown): { removed: number; seq: number; foreign: string[] } {
  if (Array.isArray(reply) && typeof reply[0] === 'number' && typeof reply[1] === 'number') {
    const foreign = reply.slice(2)
    if (foreign.every((name) => typeof name === 'string'))
      return { removed: reply[0], seq: reply[1], foreign }
  }
  throw new Error(`cacheme: script invalidate returned ${quote(reply)} instead of { removed, seq, names... }`)
}
