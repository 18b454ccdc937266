/**
 * What the in-process tier remembers of the notices it received, to answer two questions:
 *
 * - **May this fill be kept?** A fill is a payload read from Redis (or just written there) by a request
 *   sent when the log stood at `mark`. If a notice that received after `mark` touched its key, the
 *   invalidation behind it may have run after the read on the server, and the payload may be the old
 *   value: refused. Notices are delivered in publication order on one connection, and an invalidation
 *   that runs after a read executed publishes after it, so every such invalidation's notice arrives
 *   after the read was sent — either before the fill (refused here) or after it (the entry is evicted).
 *   Losing the subscription is recorded as a notice touching everything.
 * - **Are we caught up?** Invalidations that log guards are numbered by the sequence, and each of them
 *   publishes one notice carrying its number. The *watermark* is the highest sequence up to which every
 *   number was received (or predates the subscription: the baseline). A sequence the server reports that
 *   stays above the watermark for longer than the allowed lag means notices are late or lost.
 *
 * Pure bookkeeping (no I/O, no timers); `l1.ts` drives it.
 */
/** Notices remembered for the fill check; a fill whose read is older than that is refused. */
export declare const RECENT_NOTICES = 1024;
export declare class NoticeLog {
    #private;
    /** The current mark: take it before sending a read whose result may be kept. */
    get mark(): number;
    get watermark(): number | undefined;
    /**
     * Records a notice. @returns `false` when the received sequences cannot be accounted for any more
     * (a gap that is not closing): the caller must stop trusting the notices.
     */
    record(keys: readonly string[] | undefined, seq: number | undefined): boolean;
    /** Records that notices may have been missed (the subscription was lost or is not trusted). */
    recordLoss(): void;
    /** Sets the baseline: every sequence up to `seq` predates the subscription (read after it was ready). */
    baseline(seq: number): void;
    /**
     * True when the notice of sequence `seq` itself was received (among the last {@link RECENT_NOTICES}).
     * Not the watermark: a baseline covers numbers whose notices may still be on their way.
     */
    received(seq: number): boolean;
    /** The sequence was restarted at `seq` by a received notice: forget everything before it. */
    restart(seq: number | undefined): void;
    /** True when nothing recorded after `mark` touched `key` (see module doc). */
    untouchedSince(mark: number, key: string): boolean;
}
//# sourceMappingURL=notice-log.d.ts.map