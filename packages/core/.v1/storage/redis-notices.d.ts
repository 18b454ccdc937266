/**
 * The subscriber side of RedisStorage's invalidation notices: one dedicated connection per subscription
 * (a connection in subscriber mode can run nothing else), subscribed to the prefix's notices channel.
 *
 * The listener hears exactly what it needs to trust the notices: `ready` once the server confirmed the
 * SUBSCRIBE (every notice published after that is delivered, in order), `lost` as soon as the connection
 * closes (notices published meanwhile are gone for good: pub/sub does not replay), and every notice.
 * The subscription then reconnects by itself (backoff 50 ms doubling to 5 s) and calls `ready` again.
 * That is why the connection is cacheme's own, with ioredis' automatic reconnect and resubscribe turned
 * off: ioredis would resubscribe silently, and a gap nobody hears of is exactly what must never happen.
 *
 * Cluster: regular pub/sub (PUBLISH is forwarded to every node, so the subscriber may use any node, and
 * a failed node is replaced by any other one) rather than sharded pub/sub (SSUBSCRIBE must follow the
 * channel's slot through failovers and resharding, and ioredis' sharded subscriber reselects nodes
 * without telling anyone about the gap). The cost is that every notice crosses the cluster bus to every
 * node; notices are small and bounded (`NOTICE_MAX_KEYS`), and only invalidations send them.
 *
 * Limits: the connection's options are the client's (for Cluster: the chosen node's), so it needs the
 * same network access and credentials; it is opened lazily, on `subscribe`.
 */
import type { Cluster, Redis } from 'ioredis';
import type { NoticeListener, NoticeSubscription } from './storage.js';
/** Opens a new, not yet connected connection (`lazyConnect`), or `undefined` when none can be made now. */
type Connect = () => Promise<Redis | undefined>;
/** One subscription to one channel, kept alive until closed. */
export declare class RedisNoticeSubscription implements NoticeSubscription {
    #private;
    constructor(connect: Connect, channel: string, listener: NoticeListener);
    close(): Promise<void>;
}
/** New subscriber connections to a single Redis: duplicates of the client (same options otherwise). */
export declare function singleConnect(client: Redis): Connect;
/**
 * New subscriber connections to a Cluster: to any node (the client's current view), chosen at random
 * each time, as a duplicate of the client's own connection to it (same address, credentials, TLS).
 */
export declare function clusterConnect(cluster: Cluster): Connect;
export {};
//# sourceMappingURL=redis-notices.d.ts.map