/**
 * Small pieces shared by the single-Redis and the Cluster code paths of {@link RedisStorage}: the
 * internal ops interface both implement, argument/reply conversions, and SCAN over one node.
 */
import type { Redis } from 'ioredis';
import type { CacheStorage, ReadResult, ScanOptions } from './storage.js';
/**
 * What the single-Redis and Cluster implementations provide: the operations of the cache path and of
 * invalidation (`RedisStorage` adds `name`, the check, the locks and introspection, which need no
 * per-topology code path beyond `redis-introspection.ts`), and the servers behind them.
 */
export interface RedisOps extends Pick<CacheStorage, 'read' | 'write' | 'invalidate' | 'liveMembers' | 'scan' | 'deleteKeys' | 'logGuards'> {
    /** The server, or every Cluster master (connecting a lazy Cluster client first). */
    servers(): Promise<Redis[]>;
}
/** The TTL argument of the scripts: `''` for none, else whole milliseconds (validated). */
export declare function ttlArgument(ttlMs: number | undefined): string;
/** The snapshot argument of the scripts (validated). */
export declare function seqArgument(seq: number): string;
/**
 * The sequence from a GET reply. A missing key is 0 (nothing invalidated yet). Anything unparsable is
 * also 0, which the guard check treats conservatively (below any floor).
 */
export declare function parseSeq(reply: unknown): number;
/** A script's integer reply as a number; a reply of another shape is a protocol error. */
export declare function integerReply(reply: unknown, script: string): number;
/** A script's reply of `count` integers. */
export declare function integersReply(reply: unknown, count: number, script: string): number[];
/** A read reply with what was asked along (`undefined`: not asked). */
export declare function readResult(payload: string | null, seq: string | null | undefined, ttl: number | undefined): ReadResult;
/** A read reply without the sequence (HGET's `null` is a missing field). */
export declare function payloadOnly(payload: string | null): ReadResult;
/** A script's or command's array-of-strings reply. */
export declare function stringsReply(reply: unknown, what: string): string[];
/** Splits a list into chunks of at most `size` items. */
export declare function chunks<T>(items: readonly T[], size?: number): T[][];
/**
 * SCAN MATCH COUNT over one server until the cursor returns to 0, yielding each non-empty batch. SCAN may
 * return a key more than once (its documented guarantee); callers treat batches as a key stream.
 */
export declare function scanNode(node: Redis, options: ScanOptions): AsyncGenerator<string[]>;
//# sourceMappingURL=redis-shared.d.ts.map