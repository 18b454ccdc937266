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
export const RECENT_NOTICES = 1024;
/** Received sequences above the watermark kept at most (more means a gap that will not close). */
const MAX_AHEAD = 100_000;
export class NoticeLog {
    /** Notices (and losses) recorded so far. A mark is a value of this counter. */
    #clock = 0;
    #recent = new Array(RECENT_NOTICES);
    /** Every sequence up to this one is accounted for; `undefined` until the baseline is known. */
    #watermark;
    /** Received sequences above the watermark (out of order, or ahead of a gap). */
    #ahead = new Set();
    /** The last sequences received, for "has the notice of my own invalidation arrived?". */
    #seen = new Set();
    /** The current mark: take it before sending a read whose result may be kept. */
    get mark() {
        return this.#clock;
    }
    get watermark() {
        return this.#watermark;
    }
    /**
     * Records a notice. @returns `false` when the received sequences cannot be accounted for any more
     * (a gap that is not closing): the caller must stop trusting the notices.
     */
    record(keys, seq) {
        this.#push(keys === undefined ? undefined : new Set(keys));
        if (seq === undefined)
            return true;
        this.#seen.add(seq);
        if (this.#seen.size > RECENT_NOTICES)
            this.#seen.delete(this.#seen.values().next().value);
        if (this.#watermark !== undefined && seq <= this.#watermark)
            return true;
        this.#ahead.add(seq);
        this.#advance();
        return this.#ahead.size <= MAX_AHEAD;
    }
    /** Records that notices may have been missed (the subscription was lost or is not trusted). */
    recordLoss() {
        this.#push(undefined);
        this.#watermark = undefined;
        this.#ahead.clear();
        this.#seen.clear();
    }
    /** Sets the baseline: every sequence up to `seq` predates the subscription (read after it was ready). */
    baseline(seq) {
        this.#watermark = this.#watermark === undefined ? seq : Math.max(this.#watermark, seq);
        for (const ahead of this.#ahead)
            if (ahead <= this.#watermark)
                this.#ahead.delete(ahead);
        this.#advance();
    }
    /**
     * True when the notice of sequence `seq` itself was received (among the last {@link RECENT_NOTICES}).
     * Not the watermark: a baseline covers numbers whose notices may still be on their way.
     */
    received(seq) {
        return this.#seen.has(seq);
    }
    /** The sequence was restarted at `seq` by a received notice: forget everything before it. */
    restart(seq) {
        this.recordLoss();
        if (seq === undefined)
            return;
        this.baseline(seq);
        this.#seen.add(seq);
    }
    /** True when nothing recorded after `mark` touched `key` (see module doc). */
    untouchedSince(mark, key) {
        if (this.#clock - mark >= RECENT_NOTICES)
            return false;
        for (let at = mark + 1; at <= this.#clock; at += 1) {
            const touched = this.#recent[at % RECENT_NOTICES];
            if (touched === undefined || touched.has(key))
                return false;
        }
        return true;
    }
    #push(touched) {
        this.#clock += 1;
        this.#recent[this.#clock % RECENT_NOTICES] = touched;
    }
    #advance() {
        if (this.#watermark === undefined)
            return;
        while (this.#ahead.delete(this.#watermark + 1))
            this.#watermark += 1;
    }
}
//# sourceMappingURL=notice-log.js.map