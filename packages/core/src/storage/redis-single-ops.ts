/**
 * {@link RedisStorage} on a single Redis (or a Sentinel-managed primary): every composite operation is
 * one Lua script or one pipeline, so each costs exactly one round trip and is atomic.
 *
 * Known limits: the invalidate and live-members scripts touch hashes named by set members, which are
 * not declared in KEYS (they are only known inside the script). A single Redis allows that; it is why
 * Cluster has its own code path. A very large set makes those scripts block Redis for their duration.
 */
import type { Redis } from 'ioredis'
import { GLOBAL_GUARD } from '../guard-names.js'
import type { RedisScripts } from './lua-script.js'
import {
  chunks,
  FOREIGN_META,
  foreignMetaError,
  integerReply,
  integersReply,
  invalidateReply,
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
  type MetaKeys,
  NOTICE_MAX_KEYS,
  type ReadOptions,
  type ReadResult,
  type ScanOptions,
  SET_TTL_MARGIN_MS,
  type WriteRequest,
} from './storage.js'

/** Single-Redis implementation of the storage operations. */
export class RedisSingleOps implements RedisOps {
  readonly #client: Redis
  readonly #scripts: RedisScripts
  readonly #logMaxEntries: number

  constructor(client: Redis, scripts: RedisScripts, logMaxEntries: number) {
    this.#client = client
    this.#scripts = scripts
    this.#logMaxEntries = logMaxEntries
  }

  /** The one server. */
  async servers(): Promise<Redis[]> {
    return [this.#client]
  }

  /**
   * HGET, plus GET seq in the same round trip when asked for: both commands are written to the socket
   * in the same tick, before either reply arrives (cheaper than a Pipeline object). A hit that needs no
   * snapshot is one command (benchmarks/PROFILE.md: the second command cost ~8 µs of client CPU).
   */
  read(entry: EntryRef, meta: MetaKeys, options?: ReadOptions): Promise<ReadResult> {
    const client = this.#client
    if (options === undefined) return client.hget(entry.hash, entry.field).then(payloadOnly)
    return Promise.all([
      client.hget(entry.hash, entry.field),
      options.seq === true ? client.get(meta.seq) : undefined,
      options.ttl === true ? client.pttl(entry.hash) : undefined,
    ]).then(([payload, seq, ttl]) => readResult(payload, seq, ttl))
  }

  /**
   * One script: guard check first, then memberships and value. Atomic, so a rejected value is never
   * visible, not even briefly.
   */
  async write(request: WriteRequest): Promise<boolean> {
    const { entry, meta } = request
    const reply = await this.#scripts.write.run(
      this.#client,
      [meta.log, meta.floor, entry.hash, ...request.sets],
      [
        seqArgument(request.seq),
        entry.field,
        request.payload,
        ttlArgument(request.ttlMs),
        entry.fullKey,
        SET_TTL_MARGIN_MS,
        ...request.guards,
      ],
    )
    const written = integerReply(reply, 'write')
    if (written === FOREIGN_META) {
      // Repair (log-lib.lua drops wrong-typed meta keys and restarts the sequence), then report.
      await this.logGuards([GLOBAL_GUARD], meta)
      throw foreignMetaError(meta)
    }
    return written === 1
  }

  /** One script: log the guards, then remove the entries of every set, then the sets. */
  async invalidate(request: InvalidateRequest): Promise<InvalidateResult> {
    if (request.guards.length === 0 && request.sets.length === 0) return { removed: 0, seq: undefined }
    const { meta } = request
    const reply = await this.#scripts.invalidate.run(
      this.#client,
      [meta.seq, meta.log, meta.floor, ...request.sets],
      [this.#logMaxEntries, meta.notices, NOTICE_MAX_KEYS, ...request.guards],
    )
    const { removed, seq, foreign } = invalidateReply(reply)
    const result = { removed, seq: request.guards.length === 0 ? undefined : seq }
    return foreign.length === 0 ? result : { ...result, foreign }
  }

  /** One script: SMEMBERS, HEXISTS each, SREM the dead ones. */
  async liveMembers(set: string): Promise<string[]> {
    return stringsReply(await this.#scripts.liveMembers.run(this.#client, [set], []), 'live-members')
  }

  /** SCAN MATCH COUNT until the cursor returns to 0, one batch per call. */
  scan(options: ScanOptions): AsyncIterable<string[]> {
    return scanNode(this.#client, options)
  }

  /** UNLINK (the memory is freed in the background), in bounded chunks. */
  async deleteKeys(keys: readonly string[]): Promise<number> {
    const counts = await Promise.all(chunks(keys).map((chunk) => this.#client.unlink(...chunk)))
    return counts.reduce((sum, count) => sum + count, 0)
  }

  /** The log part of an invalidation, alone (one script on the {meta} keys). */
  async logGuards(guards: readonly string[], meta: MetaKeys): Promise<number> {
    if (guards.length === 0) return 0
    const reply = await this.#scripts.logGuards.run(
      this.#client,
      [meta.seq, meta.log, meta.floor],
      [this.#logMaxEntries, ...guards],
    )
    return integersReply(reply, 2, 'log-guards')[0]!
  }
}
