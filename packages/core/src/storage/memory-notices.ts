/**
 * MemoryStorage's invalidation notices: in-process pub/sub between the cacheme instances that share one
 * MemoryStorage, with the semantics RedisStorage's notices have (delivered after the removal, in order),
 * so that the in-process tier behaves the same over both storages.
 *
 * Delivery is synchronous: the notice reaches every listener before the invalidation's promise settles,
 * so no notice can ever be late or lost here, and `ready` follows `subscribe` in a microtask.
 */
import type { InvalidationNotice, NoticeListener, NoticeSubscription } from './storage.js'

/** Listeners by channel. */
export class MemoryNotices {
  readonly #channels = new Map<string, Set<NoticeListener>>()

  subscribe(channel: string, listener: NoticeListener): NoticeSubscription {
    let listeners = this.#channels.get(channel)
    if (listeners === undefined) {
      listeners = new Set()
      this.#channels.set(channel, listeners)
    }
    const set = listeners
    set.add(listener)
    queueMicrotask(() => {
      if (set.has(listener)) listener.ready()
    })
    return {
      close: async () => {
        set.delete(listener)
        if (set.size === 0 && this.#channels.get(channel) === set) this.#channels.delete(channel)
      },
    }
  }

  /** Delivers to every listener of `channel`; a listener that throws does not stop the others. */
  publish(channel: string, notice: InvalidationNotice): void {
    const listeners = this.#channels.get(channel)
    if (listeners === undefined) return
    for (const listener of [...listeners]) {
      try {
        listener.notice(notice)
      } catch {
        // A listener's own failure; core's listener never throws.
      }
    }
  }
}
