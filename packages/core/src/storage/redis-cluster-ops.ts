/**
 * {@link RedisStorage} on Redis Cluster. Keys of different slots cannot share a script, a pipeline or a
 * MULTI, so every composite operation is split into per-slot steps, and the *order* of those steps is what
 * keeps the race guard sound (see the protocol in `storage.ts`):
 *
 * - **write**: a *pending marker* and the memberships first (each on its own slot, in parallel), *then*
 *   the guard check on the `{meta}` slot, *then* the marker is replaced by the value with a
 *   compare-and-set (`confirm-entry.lua`). Reads treat a marker as a miss (`pending-marker.ts`), so a
 *   value is never readable before its check passed — not even for an instant. If the check finds a newer
 *   invalidation, the marker is removed with a compare-and-delete, so a value someone else wrote meanwhile
 *   survives. Checking *before* writing would leave a window: an invalidation logged between check and
 *   write could run its deletion before our write lands, and our stale value would stay.
 * - **invalidate**: the log entry first (and awaited), *then* the deletions. Any write whose check ran
 *   before our log entry had already added its membership, so the deletion below finds and removes it
 *   (marker or value); any write whose check runs after it sees the entry and removes itself. Last, once
 *   everything is deleted, the notice for in-process tiers (`PUBLISH`).
 *
 * Costs (latency, in sequential round trips): a hit is one HGET (plus a GET of the sequence on another
 * node, in parallel, when core needs a fresh snapshot: still ≈ 1); a miss
 * write is three (marker + memberships, check, confirm), so a whole miss is ≈ 4 with its read; an
 * invalidation is four (log, pop sets, delete fields, publish the notice).
 *
 * Known limits:
 * - A rejected write leaves its set memberships behind (removing them could strip the membership of a
 *   concurrent, accepted write of the same entry): a later invalidation through such a set removes a
 *   value it did not need to — over-invalidation, never a stale value.
 * - If a step fails halfway (a node is unreachable), the cleanup is best effort: a written value whose
 *   memberships or check failed is deleted again, and popped set members are put back before the error
 *   is rethrown, so that a retried invalidation still finds them. If the cleanup fails too, the entry can
 *   survive until its TTL.
 * - `liveMembers` does not prune on Cluster: the set and its hashes live on different slots, so "observed
 *   dead, then removed" cannot be atomic, and a concurrent write of the same key could lose its membership
 *   (its entry could then never be found through the set). Dead members are only filtered out of the
 *   answer; the set is bounded by its TTL and by invalidation, which deletes it.
 */
import type { Cluster, Redis } from 'ioredis'
import { GLOBAL_GUARD } from '../guard-names.js'
import { parseMemberKey } from '../key-grammar.js'
import type { RedisScripts } from './lua-script.js'
import { encodeNotice } from './notice-format.js'
import { isPending, pendingMarker } from './pending-marker.js'
import {
  chunks,
  FOREIGN_META,
  foreignMetaError,
  integerReply,
  integersReply,
  payloadOnly,
  type RedisOps,
  readResult,
  scanNode,
  seqArgument,
  stringsReply,
  ttlArgument,
} from './redis-shared.js'
import {
  type EntryRef,
  type InvalidateRequest,
  type InvalidateResult,
  type InvalidationNotice,
  type MetaKeys,
  NOTICE_MAX_KEYS,
  type ReadOptions,
  type ReadResult,
  type ScanOptions,
  SET_TTL_MARGIN_MS,
  type WriteRequest,
} from './storage.js'

/** Cluster implementation of the storage operations. */
export class RedisClusterOps implements RedisOps {
  readonly #client: Cluster
  readonly #scripts: RedisScripts
  readonly #logMaxEntries: number

  constructor(client: Cluster, scripts: RedisScripts, logMaxEntries: number) {
    this.#client = client
    this.#scripts = scripts
    this.#logMaxEntries = logMaxEntries
  }

  /**
   * HGET, plus GET seq in parallel when asked for (different slots: latency ≈ one round trip). A pending
   * marker is a write whose race-guard check has not passed yet: a miss.
   */
  read(entry: EntryRef, meta: MetaKeys, options?: ReadOptions): Promise<ReadResult> {
    const client = this.#client
    const payload = client.hget(entry.hash, entry.field)
    if (options === undefined) return payload.then((value) => payloadOnly(unlessPending(value)))
    return Promise.all([
      payload,
      options.seq === true ? client.get(meta.seq) : undefined,
      options.ttl === true ? client.pttl(entry.hash) : undefined,
    ]).then(([value, seq, ttl]) => readResult(unlessPending(value), seq, ttl))
  }

  /** Write per slot, then check the guard, then compare-and-delete if stale (see module doc). */
  async write(request: WriteRequest): Promise<boolean> {
    const { entry, meta, payload } = request
    // Arguments are validated before anything is written.
    const ttl = ttlArgument(request.ttlMs)
    const snapshot = seqArgument(request.seq)
    const scripts = this.#scripts
    // The value is first stored as a pending marker that reads treat as a miss: on Cluster the guard check
    // cannot be atomic with the write, and an unchecked value must never be served — not even in the
    // instant before a stale one would be removed again.
    const pending = pendingMarker()
    const removeOurs = (): Promise<unknown> =>
      scripts.deleteIfEqual.run(this.#client, [entry.hash], [entry.field, pending])
    const steps = await Promise.allSettled([
      scripts.writeEntry.run(this.#client, [entry.hash], [entry.field, pending, ttl]),
      ...request.sets.map((set) =>
        scripts.addToSet.run(this.#client, [set], [entry.fullKey, ttl, SET_TTL_MARGIN_MS]),
      ),
    ])
    const failed = steps.find((step) => step.status === 'rejected')
    let stale: number
    try {
      // A value with a missing membership could never be invalidated through that set: remove it.
      if (failed !== undefined) throw failed.reason
      const reply = await scripts.checkGuards.run(
        this.#client,
        [meta.log, meta.floor],
        [snapshot, ...request.guards],
      )
      stale = integerReply(reply, 'check-guards')
    } catch (error) {
      await removeOurs().catch(() => undefined) // best effort; the original error is what matters
      throw error
    }
    if (stale === FOREIGN_META) {
      // Repair (log-lib.lua drops wrong-typed meta keys and restarts the sequence), then report.
      await removeOurs()
      await this.#log([GLOBAL_GUARD], meta)
      throw foreignMetaError(meta)
    }
    if (stale !== 0) {
      await removeOurs()
      return false
    }
    // Checked: publish the value, unless an invalidation removed the marker meanwhile (it saw our
    // membership, which was written before the check).
    const confirmed = await scripts.confirmEntry.run(
      this.#client,
      [entry.hash],
      [entry.field, pending, payload],
    )
    return integerReply(confirmed, 'confirm-entry') === 1
  }

  /** Log (awaited), then pop every set atomically, then delete the fields grouped by hash. */
  async invalidate(request: InvalidateRequest): Promise<InvalidateResult> {
    const { meta } = request
    // The log entry must be complete before anything is deleted: it is what rejects the writes that
    // the deletion below cannot see yet.
    const logged = request.guards.length > 0 ? await this.#log(request.guards, meta) : undefined
    const seq = logged?.seq
    const popped = await Promise.allSettled(
      request.sets.map((set) => this.#scripts.popSet.run(this.#client, [set], [])),
    )
    const taken = new Map<string, string[]>()
    const foreign: string[] = []
    popped.forEach((result, i) => {
      const set = request.sets[i]
      if (result.status === 'fulfilled' && set !== undefined) {
        // null: the name holds another type (pop-set.lua skipped it).
        if (result.value === null) foreign.push(set)
        else taken.set(set, stringsReply(result.value, 'pop-set'))
      }
    })
    try {
      const failed = popped.find((result) => result.status === 'rejected')
      if (failed !== undefined) throw failed.reason
      const byHash = byEntryHash([...taken.values()].flat())
      const counts = await Promise.all(
        [...byHash].flatMap(([hash, refs]) =>
          chunks([...new Set(refs.map((ref) => ref.field))]).map((chunk) =>
            this.#scripts.deleteFields.run(this.#client, [hash], chunk),
          ),
        ),
      )
      const removed = counts.reduce<number>((sum, count) => sum + integerReply(count, 'delete-fields'), 0)
      // After every deletion: a process that reads an entry after receiving the notice finds it gone.
      await this.publish(meta, noticeOf(seq, logged?.restarted === true, [...taken.values()]))
      return foreign.length === 0 ? { removed, seq } : { removed, seq, foreign }
    } catch (error) {
      // Put the members back so that a retried invalidation still finds the entries it must remove.
      await this.#restore(taken).catch(() => undefined)
      throw error
    }
  }

  /** SMEMBERS, existence per hash in parallel, SREM the dead (then re-check them, see module doc). */
  async liveMembers(set: string): Promise<string[]> {
    const members = await this.#client.smembers(set)
    const alive = await this.#exist(members)
    return members.filter((member) => alive.has(member))
  }

  /**
   * PUBLISH (regular pub/sub, which Cluster forwards to every node, so a subscriber on any node receives
   * it; see `redis-notices.ts` for why not sharded pub/sub).
   */
  async publish(meta: MetaKeys, notice: InvalidationNotice): Promise<void> {
    await this.#client.publish(meta.notices, encodeNotice(notice))
  }

  /** Every master (the client's current view of the Cluster). */
  async servers(): Promise<Redis[]> {
    let masters = this.#client.nodes('master')
    if (masters.length === 0) {
      // A lazily connecting Cluster knows no nodes before its first command.
      await this.#client.ping()
      masters = this.#client.nodes('master')
    }
    return masters as Redis[]
  }

  /** SCAN on every master in turn. */
  async *scan(options: ScanOptions): AsyncGenerator<string[]> {
    for (const node of await this.servers()) yield* scanNode(node, options)
  }

  /**
   * UNLINK per key, in parallel (ioredis routes each to its slot). Grouping by slot would need
   * `cluster-key-slot`, which is ioredis' dependency but not ours.
   */
  async deleteKeys(keys: readonly string[]): Promise<number> {
    const counts = await Promise.all(keys.map((key) => this.#client.unlink(key)))
    return counts.reduce((sum, count) => sum + count, 0)
  }

  /** The log part of an invalidation, alone (one script on the {meta} keys). */
  async logGuards(guards: readonly string[], meta: MetaKeys): Promise<number> {
    if (guards.length === 0) return 0
    return (await this.#log(guards, meta)).seq
  }

  /** The log script on the {meta} slot: the sequence, and whether it was restarted first. */
  async #log(guards: readonly string[], meta: MetaKeys): Promise<{ seq: number; restarted: boolean }> {
    const reply = await this.#scripts.logGuards.run(
      this.#client,
      [meta.seq, meta.log, meta.floor],
      [this.#logMaxEntries, ...guards],
    )
    const [seq = 0, restarted = 0] = integersReply(reply, 2, 'log-guards')
    return { seq, restarted: restarted === 1 }
  }

  /** The members whose entry exists: one script per hash, in parallel. */
  async #exist(members: readonly string[]): Promise<Set<string>> {
    const alive = new Set<string>()
    await Promise.all(
      [...byEntryHash(members)].map(async ([hash, list]) => {
        const flags = await this.#scripts.fieldsExist.run(
          this.#client,
          [hash],
          list.map((ref) => ref.field),
        )
        if (!Array.isArray(flags)) throw new Error('cacheme: script fields-exist returned a non-array')
        list.forEach((ref, i) => {
          if (flags[i] === 1) alive.add(ref.member)
        })
      }),
    )
    return alive
  }

  /** Re-adds popped members (persistent sets: their former TTL is unknown, and persistent is safe). */
  async #restore(taken: ReadonlyMap<string, readonly string[]>): Promise<void> {
    await Promise.all(
      [...taken].flatMap(([set, members]) =>
        chunks(members).map((chunk) => this.#client.sadd(set, ...chunk)),
      ),
    )
  }
}

/** The notice of an invalidation: the well-formed members of every set it popped (or "anything"). */
function noticeOf(
  seq: number | undefined,
  restarted: boolean,
  popped: readonly (readonly string[])[],
): InvalidationNotice {
  const keys: string[] = []
  for (const members of popped) {
    for (const member of members) {
      if (parseMemberKey(member) === undefined) continue
      if (keys.length === NOTICE_MAX_KEYS) return { seq, keys: undefined, restarted }
      keys.push(member)
    }
  }
  return { seq, keys, restarted }
}

/** `null` for a pending marker (see `pending-marker.ts`), else the stored field. */
function unlessPending(value: string | null): string | null {
  return value === null || isPending(value) ? null : value
}

/** Well-formed members grouped by the hash of their entry (malformed ones are left out). */
function byEntryHash(members: readonly string[]): Map<string, { member: string; field: string }[]> {
  const groups = new Map<string, { member: string; field: string }[]>()
  for (const member of members) {
    const ref = parseMemberKey(member)
    if (ref === undefined) continue
    const group = groups.get(ref.hash) ?? []
    if (group.length === 0) groups.set(ref.hash, group)
    group.push({ member, field: ref.field })
  }
  return groups
}
