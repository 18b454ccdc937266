/**
 * **Test-only, deliberately broken**: a `CacheStorage` that delegates everything to a real storage but
 * makes the race guard never reject a write — the seed's behaviour, where a value computed from rows read
 * before an invalidation is written after it and stays stale. The consistency harness runs with it to
 * prove that it would catch a broken guard (its stale-read count must then be non-zero).
 *
 * How, without touching core: the guard rejects a write whose sequence snapshot is older than an
 * invalidation logged for one of its names (or older than the log's floor). Passing the largest safe
 * integer as the snapshot makes every write look newer than everything logged.
 */
import type {
  CacheStorage,
  DrainResult,
  EntryInfo,
  EntryRef,
  FieldInfo,
  InvalidateRequest,
  InvalidateResult,
  InvalidationNotice,
  KeyInfo,
  MetaKeys,
  NoticeListener,
  NoticeSubscription,
  Page,
  PageOptions,
  ReadOptions,
  ReadResult,
  ScanOptions,
  ScanPageOptions,
  WriteRequest,
} from '@cacheme/core/storage'

export class GuardlessStorage implements CacheStorage {
  readonly name: string
  readonly #inner: CacheStorage
  // Notices (the in-process tier's optional capability): present exactly when the inner storage has them.
  readonly subscribe?: (meta: MetaKeys, listener: NoticeListener) => NoticeSubscription
  readonly publish?: (meta: MetaKeys, notice: InvalidationNotice) => Promise<void>
  readonly readSequence?: (meta: MetaKeys) => Promise<number>

  constructor(inner: CacheStorage) {
    this.#inner = inner
    this.name = `${inner.name}-guardless`
    const { subscribe, publish, readSequence } = inner
    if (subscribe !== undefined && publish !== undefined && readSequence !== undefined) {
      this.subscribe = (meta, listener) => subscribe.call(inner, meta, listener)
      this.publish = (meta, notice) => publish.call(inner, meta, notice)
      this.readSequence = (meta) => readSequence.call(inner, meta)
    }
  }

  read(entry: EntryRef, meta: MetaKeys, options?: ReadOptions): Promise<ReadResult> {
    return this.#inner.read(entry, meta, options)
  }

  /** The one change: a snapshot newer than any invalidation, so the guard never rejects. */
  write(request: WriteRequest): Promise<boolean> {
    return this.#inner.write({ ...request, seq: Number.MAX_SAFE_INTEGER })
  }

  invalidate(request: InvalidateRequest): Promise<InvalidateResult> {
    return this.#inner.invalidate(request)
  }

  liveMembers(set: string): Promise<string[]> {
    return this.#inner.liveMembers(set)
  }

  scan(options: ScanOptions): AsyncIterable<string[]> {
    return this.#inner.scan(options)
  }

  deleteKeys(keys: readonly string[]): Promise<number> {
    return this.#inner.deleteKeys(keys)
  }

  logGuards(guards: readonly string[], meta: MetaKeys): Promise<number> {
    return this.#inner.logGuards(guards, meta)
  }

  acquireLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    return this.#inner.acquireLock(key, token, ttlMs)
  }

  releaseLock(key: string, token: string): Promise<void> {
    return this.#inner.releaseLock(key, token)
  }

  // Introspection and records: unchanged delegation (the harness never uses them; the contract has them).

  scanPage(options: ScanPageOptions): Promise<Page<string>> {
    return this.#inner.scanPage(options)
  }

  setPage(set: string, options: PageOptions): Promise<Page<string>> {
    return this.#inner.setPage(set, options)
  }

  hashPage(hash: string, options: PageOptions): Promise<Page<FieldInfo>> {
    return this.#inner.hashPage(hash, options)
  }

  describeKeys(keys: readonly string[]): Promise<KeyInfo[]> {
    return this.#inner.describeKeys(keys)
  }

  describeEntries(entries: readonly EntryRef[], peekBytes: number): Promise<EntryInfo[]> {
    return this.#inner.describeEntries(entries, peekBytes)
  }

  isMember(sets: readonly string[], member: string): Promise<boolean[]> {
    return this.#inner.isMember(sets, member)
  }

  drainSet(set: string, count: number): Promise<DrainResult> {
    return this.#inner.drainSet(set, count)
  }

  pushList(key: string, value: string, maxLength: number): Promise<void> {
    return this.#inner.pushList(key, value, maxLength)
  }

  listRange(key: string, offset: number, count: number): Promise<string[]> {
    return this.#inner.listRange(key, offset, count)
  }

  addCounters(key: string, increments: Readonly<Record<string, number>>, ttlMs: number): Promise<void> {
    return this.#inner.addCounters(key, increments, ttlMs)
  }

  readCounters(keys: readonly string[]): Promise<Record<string, number>[]> {
    return this.#inner.readCounters(keys)
  }
}
