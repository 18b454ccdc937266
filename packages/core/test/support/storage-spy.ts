/**
 * A storage that wraps a real one and lets a test watch and steer it: it counts reads, can hold read
 * results back (a slow reply: the server has answered, the client has not seen it yet) and can delay
 * the notices it delivers (a lagging pub/sub). Everything else goes straight to the real storage.
 */
import type { CacheStorage, NoticeListener } from '../../src/storage/index.js'
import { introspectionOf } from './introspection-of.js'

export interface StorageSpy {
  readonly storage: CacheStorage
  /** Reads sent so far. */
  readonly reads: number
  /** Notices delivered to subscribers so far. */
  readonly notices: number
  /** Until the returned function is called, read results are held back (after the real read ran). */
  holdReads(): () => void
  /** Notices reach subscribers `ms` later (in order); 0: at once. */
  delayNotices(ms: number): void
  /** Each SCAN step is handed over `ms` later (a long scan over a large keyspace); 0: at once. */
  delayScan(ms: number): void
}

export function spyOn(real: CacheStorage): StorageSpy {
  let reads = 0
  let notices = 0
  let held: Promise<void> | undefined
  let delayMs = 0
  let scanDelayMs = 0
  async function* slowScan(steps: AsyncIterable<string[]>): AsyncIterable<string[]> {
    for await (const step of steps) {
      if (scanDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, scanDelayMs))
      yield step
    }
  }
  const storage: CacheStorage = {
    ...introspectionOf(real),
    name: real.name,
    check: real.check?.bind(real),
    read: async (entry, meta, options) => {
      reads += 1
      const result = await real.read(entry, meta, options)
      if (held) await held
      return result
    },
    write: (request) => real.write(request),
    invalidate: (request) => real.invalidate(request),
    liveMembers: (set) => real.liveMembers(set),
    scan: (options) => slowScan(real.scan(options)),
    deleteKeys: (keys) => real.deleteKeys(keys),
    logGuards: (guards, meta) => real.logGuards(guards, meta),
    acquireLock: (key, token, ttlMs) => real.acquireLock(key, token, ttlMs),
    releaseLock: (key, token) => real.releaseLock(key, token),
    subscribe: (meta, listener: NoticeListener) =>
      real.subscribe!(meta, {
        ready: () => listener.ready(),
        lost: (error) => listener.lost(error),
        notice: (notice) => {
          const deliver = () => {
            notices += 1
            listener.notice(notice)
          }
          if (delayMs === 0) deliver()
          else setTimeout(deliver, delayMs)
        },
      }),
    publish: (meta, notice) => real.publish!(meta, notice),
    readSequence: (meta) => real.readSequence!(meta),
  }
  return {
    storage,
    get reads() {
      return reads
    },
    get notices() {
      return notices
    },
    holdReads() {
      let release!: () => void
      held = new Promise((resolve) => {
        release = resolve
      })
      return () => {
        held = undefined
        release()
      }
    },
    delayNotices(ms) {
      delayMs = ms
    },
    delayScan(ms) {
      scanDelayMs = ms
    },
  }
}
