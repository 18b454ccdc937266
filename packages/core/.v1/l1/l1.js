import { LocalTier } from './local-tier.js';
import { NoticeLog } from './notice-log.js';
/** The tier of one instance. */
export class L1 {
    #storage;
    #events;
    #ttlMs;
    #maxLagMs;
    #tier;
    #log = new NoticeLog();
    #subscription;
    #generation = 0;
    #state = 'connecting';
    /** The current subscription is confirmed (and nothing made it untrustworthy since): fills may be kept. */
    #confirmed = false;
    /** Marks below this were taken before the current subscription was confirmed: their fills are refused. */
    #trustedSince = Number.POSITIVE_INFINITY;
    /** Serving starts at this time (`maxLagMs` after the confirmation, see `#ready`). */
    #serveFrom = Number.POSITIVE_INFINITY;
    /** Sequences the storage reported, with when their notice must have arrived. */
    #expected = [];
    /** This process's invalidations whose notice has not arrived yet, with their deadline. */
    #ownPending = new Map();
    #timer;
    #heartbeat = false;
    /** The sequence the previous heartbeat read. */
    #lastHeartbeat;
    #closed = false;
    constructor(storage, events, options) {
        this.#storage = storage;
        this.#events = events;
        this.#ttlMs = options.ttl * 1000;
        this.#maxLagMs = options.maxLagMs;
        this.#tier = new LocalTier(options.max);
    }
    get status() {
        return { state: this.#state, entries: this.#tier.size };
    }
    /** Subscribes (once; later calls do nothing). Called on the instance's first cached call or `ready()`. */
    start() {
        if (this.#subscription !== undefined || this.#closed)
            return;
        this.#subscribe();
        this.#timer = setInterval(() => this.#tick(), Math.max(5, this.#maxLagMs / 4));
        this.#timer.unref();
    }
    /** The payload cached in process for `key`, when the tier may serve now. */
    get(key) {
        if (this.#state !== 'ready' || this.#ownPending.size > 0) {
            if (this.#subscription === undefined)
                this.start();
            return undefined;
        }
        return this.#tier.get(key, performance.now());
    }
    /** Forgets one entry (its payload did not decode). */
    forget(key) {
        this.#tier.delete(key);
    }
    /** The mark to take before sending a read (or a miss's read) whose payload may be kept. */
    mark() {
        return this.#log.mark;
    }
    /**
     * Keeps a payload read from (or written to) the storage by a request sent at `sentAt` with `mark`, for
     * `ttlMs` at most (`-1`: no storage TTL), unless a notice since `mark` touched the key.
     */
    fill(key, payload, ttlMs, sentAt, mark) {
        if (!this.#confirmed || mark < this.#trustedSince)
            return;
        if (ttlMs === 0 || ttlMs < -1)
            return; // gone, or no longer alive
        if (!this.#log.untouchedSince(mark, key))
            return;
        const lifetime = ttlMs === -1 ? this.#ttlMs : Math.min(this.#ttlMs, ttlMs);
        this.#tier.set(key, payload, sentAt + lifetime);
    }
    /**
     * This process's invalidation was delivered: bypass the tier until every notice up to its sequence
     * arrived — not just its own. On Cluster notices are published after the deletions, by whichever
     * process invalidated, so an earlier invalidation's notice can arrive later; that one may be the notice
     * that lists a key this invalidation found already removed.
     */
    delivered(seq) {
        if (seq === undefined || !this.#confirmed || this.#caughtUp(seq))
            return;
        this.#ownPending.set(seq, performance.now() + this.#maxLagMs);
    }
    #caughtUp(seq) {
        const watermark = this.#log.watermark;
        return watermark !== undefined && watermark >= seq;
    }
    /** An invalidation could not be delivered (it is queued): its entries may be anywhere in the tier. */
    failed() {
        this.#tier.clear();
    }
    async close() {
        this.#closed = true;
        clearInterval(this.#timer);
        this.#tier.clear();
        const subscription = this.#subscription;
        this.#subscription = undefined;
        this.#generation += 1;
        await subscription?.close();
    }
    #subscribe() {
        const generation = ++this.#generation;
        const current = () => generation === this.#generation && !this.#closed;
        const listener = {
            ready: () => {
                if (current())
                    this.#ready();
            },
            lost: () => {
                if (current())
                    this.#drop('the notice subscription was lost', false);
            },
            notice: (notice) => {
                if (current())
                    this.#notice(notice);
            },
        };
        this.#subscription = this.#storage.subscribe(listener);
    }
    /**
     * The subscription is confirmed: fills are kept from now on, and the tier serves `maxLagMs` later —
     * invalidations that were in flight while it subscribed had that long to deliver their notices (their
     * numbers are below the baseline, so the lag check cannot wait for them).
     */
    #ready() {
        this.#confirmed = true;
        this.#trustedSince = this.#log.mark;
        this.#serveFrom = performance.now() + this.#maxLagMs;
        const generation = this.#generation;
        this.#storage.readSequence().then((seq) => {
            if (generation === this.#generation && this.#confirmed)
                this.#log.baseline(seq);
        }, () => {
            if (generation === this.#generation)
                this.#drop('the invalidation sequence cannot be read', true);
        });
    }
    #notice(notice) {
        if (notice.restarted === true) {
            // The sequence restarted (first invalidation of the prefix, lost meta keys): the numbers it skipped
            // have no notice. Start over from it, with an empty tier: nothing older can matter any more.
            this.#tier.clear();
            this.#log.restart(notice.seq);
            this.#ownPending.clear();
            this.#expected = [];
            return;
        }
        if (notice.keys === undefined)
            this.#tier.clear();
        else
            for (const key of notice.keys)
                this.#tier.delete(key);
        if (!this.#log.record(notice.keys, notice.seq))
            this.#drop('notices have a gap that does not close', true);
        for (const seq of this.#ownPending.keys())
            if (this.#caughtUp(seq))
                this.#ownPending.delete(seq);
    }
    /** Every `maxLagMs / 4`: start serving when due; read the sequence, and drop the tier if notices fell behind. */
    #tick() {
        if (!this.#confirmed)
            return;
        if (this.#state !== 'ready' &&
            performance.now() >= this.#serveFrom &&
            this.#log.watermark !== undefined) {
            this.#state = 'ready';
            this.#events.emit('l1', { state: 'ready' });
        }
        if (this.#heartbeat)
            return;
        this.#heartbeat = true;
        const generation = this.#generation;
        this.#storage.readSequence().then((seq) => {
            this.#heartbeat = false;
            if (generation !== this.#generation || !this.#confirmed)
                return;
            this.#check(seq, performance.now());
        }, () => {
            this.#heartbeat = false;
            if (generation === this.#generation)
                this.#drop('the invalidation sequence cannot be read', true);
        });
    }
    #check(seq, now) {
        // Compared with the previous heartbeat only: both came over the same connection, in order, while a
        // notice may well have overtaken this reply.
        const previous = this.#lastHeartbeat;
        this.#lastHeartbeat = seq;
        if (previous !== undefined && seq < previous) {
            this.#drop('the invalidation sequence went backwards', true);
            return;
        }
        const watermark = this.#log.watermark;
        this.#expected.push({ seq, deadline: now + this.#maxLagMs });
        while (this.#expected.length > 0 && this.#expected[0].deadline <= now) {
            const due = this.#expected.shift();
            if (watermark === undefined || watermark < due.seq) {
                this.#drop(`notices lag more than ${this.#maxLagMs} ms`, true);
                return;
            }
        }
        for (const deadline of this.#ownPending.values()) {
            if (deadline <= now) {
                this.#drop(`the notice of an invalidation of this process is more than ${this.#maxLagMs} ms late`, true);
                return;
            }
        }
    }
    /** Empties and bypasses the tier; with `resubscribe`, replaces a subscription that cannot be trusted. */
    #drop(reason, resubscribe) {
        this.#tier.clear();
        this.#log.recordLoss();
        this.#ownPending.clear();
        this.#expected = [];
        this.#lastHeartbeat = undefined;
        this.#confirmed = false;
        this.#trustedSince = Number.POSITIVE_INFINITY;
        this.#serveFrom = Number.POSITIVE_INFINITY;
        if (this.#state !== 'dropped') {
            this.#state = 'dropped';
            this.#events.emit('l1', { state: 'dropped', reason });
        }
        if (resubscribe && !this.#closed) {
            const old = this.#subscription;
            this.#subscribe();
            void old?.close();
        }
    }
}
//# sourceMappingURL=l1.js.map