/**
 * MemoryStorage's invalidation notices: in-process pub/sub between the cacheme instances that share one
 * MemoryStorage, with the semantics RedisStorage's notices have (delivered after the removal, in order),
 * so that the in-process tier behaves the same over both storages.
 *
 * Delivery is synchronous: the notice reaches every listener before the invalidation's promise settles,
 * so no notice can ever be late or lost here, and `ready` follows `subscribe` in a microtask.
 */
import type { InvalidationNotice, NoticeListener, NoticeSubscription } from './storage.js';
/** Listeners by channel. */
export declare class MemoryNotices {
    #private;
    subscribe(channel: string, listener: NoticeListener): NoticeSubscription;
    /** Delivers to every listener of `channel`; a listener that throws does not stop the others. */
    publish(channel: string, notice: InvalidationNotice): void;
}
//# sourceMappingURL=memory-notices.d.ts.map