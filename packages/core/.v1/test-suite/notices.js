/**
 * Conformance: invalidation notices (the optional `subscribe` / `publish` / `readSequence` capability
 * that core's in-process tier needs). A storage that has `subscribe` claims the capability and must pass
 * every test here; one without it must have none of the three methods (core then refuses `l1`).
 */
import { NOTICE_MAX_KEYS } from '../storage/storage.js';
/** Generous bound for a notice to arrive (never a timing assertion: it only stops a hung test). */
const ARRIVAL_MS = 5000;
/** A subscription that records everything, with a way to wait for the next notice. */
async function listen(t) {
    const notices = [];
    const waiting = [];
    let ready;
    const isReady = new Promise((resolve) => {
        ready = resolve;
    });
    const state = { lost: 0 };
    const subscription = t.storage.subscribe(t.meta, {
        ready: () => ready(),
        lost: () => {
            state.lost += 1;
        },
        notice: (notice) => {
            notices.push(notice);
            waiting.shift()?.(notice);
        },
    });
    await within(isReady, 'the subscription never became ready');
    return {
        notices,
        next: () => within(new Promise((resolve) => waiting.push(resolve)), 'no notice arrived'),
        get lost() {
            return state.lost;
        },
        subscription,
    };
}
function within(promise, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} within ${ARRIVAL_MS} ms`)), ARRIVAL_MS);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
export function noticeTests({ it, expect, open }) {
    it('a storage has all three notice methods or none of them', async () => {
        const t = await open();
        const present = [t.storage.subscribe, t.storage.publish, t.storage.readSequence].map((method) => typeof method === 'function');
        expect(present.every((p) => p === present[0])).toBe(true);
    });
    it('an invalidation notifies subscribers of every entry of its sets, after removing them, with its sequence', async () => {
        const t = await open();
        if (t.storage.subscribe === undefined)
            return;
        await t.put('Book:1', { invalidKeys: ['User:1'] });
        await t.put('Book:2>owner', { invalidKeys: ['User:1'] });
        const feed = await listen(t);
        const arrival = feed.next();
        const { seq } = await t.storage.invalidate({
            guards: ['k:User:1'],
            sets: [t.invalidSet('User:1')],
            meta: t.meta,
        });
        const notice = await arrival;
        expect(notice.seq).toBe(seq);
        expect([...(notice.keys ?? [])].sort()).toEqual([`${t.prefix}Book:1`, `${t.prefix}Book:2>owner`]);
        // Whoever reads after the notice finds the entries gone.
        expect(await t.get('Book:1')).toBeUndefined();
        expect(await t.get('Book:2>owner')).toBeUndefined();
        await feed.subscription.close();
    });
    it("the prefix's first invalidation (a restarted sequence) says so in its notice; later ones do not", async () => {
        const t = await open();
        if (t.storage.subscribe === undefined)
            return;
        const feed = await listen(t);
        const first = feed.next();
        await t.storage.invalidate({ guards: ['k:User:1'], sets: [], meta: t.meta });
        expect((await first).restarted).toBe(true);
        const second = feed.next();
        await t.storage.invalidate({ guards: ['k:User:1'], sets: [], meta: t.meta });
        expect((await second).restarted === true).toBe(false);
        await feed.subscription.close();
    });
    it(`an invalidation of more than ${NOTICE_MAX_KEYS} entries notifies "anything" (keys undefined)`, async () => {
        const t = await open();
        if (t.storage.subscribe === undefined)
            return;
        for (let i = 0; i <= NOTICE_MAX_KEYS; i += 1)
            await t.put(`Many:${i}`, { invalidKeys: ['Shelf:1'] });
        const feed = await listen(t);
        const arrival = feed.next();
        await t.storage.invalidate({ guards: ['k:Shelf:1'], sets: [t.invalidSet('Shelf:1')], meta: t.meta });
        expect((await arrival).keys).toBeUndefined();
        await feed.subscription.close();
    });
    it('publish() reaches subscribers as sent; readSequence() is the current sequence', async () => {
        const t = await open();
        if (t.storage.subscribe === undefined)
            return;
        const feed = await listen(t);
        const seq = await t.storage.logGuards(['m:Book'], t.meta);
        expect(await t.storage.readSequence(t.meta)).toBe(seq);
        expect(await t.snapshot()).toBe(seq);
        const arrival = feed.next();
        await t.storage.publish(t.meta, { seq, keys: undefined });
        expect(await arrival).toEqual({ seq, keys: undefined });
        const second = feed.next();
        await t.storage.publish(t.meta, { seq: undefined, keys: [`${t.prefix}A`, `${t.prefix}B>c`] });
        expect(await second).toEqual({ seq: undefined, keys: [`${t.prefix}A`, `${t.prefix}B>c`] });
        expect(feed.lost).toBe(0);
        await feed.subscription.close();
    });
    it('notices of one prefix never reach a subscriber of another', async () => {
        const t = await open();
        const other = await open();
        if (t.storage.subscribe === undefined)
            return;
        const feed = await listen(other);
        await t.put('Book:1', { invalidKeys: ['User:1'] });
        await t.storage.invalidate({ guards: ['k:User:1'], sets: [t.invalidSet('User:1')], meta: t.meta });
        // A notice on the other prefix, sent after: it is the first one the subscriber sees.
        const arrival = feed.next();
        await other.storage.publish(other.meta, { seq: undefined, keys: ['marker'] });
        expect((await arrival).keys).toEqual(['marker']);
        expect(feed.notices).toHaveLength(1);
        await feed.subscription.close();
    });
    it('read() with { ttl: true } tells how long the entry still lives (-1 without TTL)', async () => {
        const t = await open();
        await t.put('Book:1', { ttlMs: 5000 });
        await t.put('Book:2');
        const read = await t.storage.read(t.entry('Book:1'), t.meta, { ttl: true });
        expect(read.payload).toBe('value of Book:1');
        // A storage may leave it out (core then keeps nothing in process); if given, it is exact.
        if (read.ttlMs !== undefined) {
            expect(read.ttlMs).toBeGreaterThan(0);
            expect(read.ttlMs).toBeLessThanOrEqual(5000);
            expect((await t.storage.read(t.entry('Book:2'), t.meta, { ttl: true })).ttlMs).toBe(-1);
        }
    });
}
//# sourceMappingURL=notices.js.map