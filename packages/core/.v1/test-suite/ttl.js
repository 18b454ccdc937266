/** Conformance: TTLs of entries (the main hash) and of the sets that reference them. */
import { SET_TTL_MARGIN_MS } from '../storage/storage.js';
import { sleep } from './context.js';
const SHORT = 300;
const LONG = 5000;
/** Long enough for SHORT to have passed, with margin for a loaded machine. */
const AFTER_SHORT = SHORT + 200;
export function ttlTests({ it, expect, open }) {
    it('an entry written with ttlMs expires; one written without does not', async () => {
        const t = await open();
        await t.put('Book:1', { ttlMs: SHORT });
        await t.put('Book:2');
        expect(await t.get('Book:1')).toBe('value of Book:1');
        if (t.inspect) {
            const pttl = await t.inspect.pttl(`${t.prefix}Book:1`);
            expect(pttl).toBeGreaterThan(0);
            expect(pttl).toBeLessThanOrEqual(SHORT);
            expect(await t.inspect.pttl(`${t.prefix}Book:2`)).toBe(-1);
        }
        await sleep(AFTER_SHORT);
        expect(await t.get('Book:1')).toBeUndefined();
        expect(await t.exists(`${t.prefix}Book:1`)).toBe(false);
        expect(await t.get('Book:2')).toBe('value of Book:2');
    });
    it('the hash TTL only shrinks: a sibling field written with a shorter TTL shortens it for all fields', async () => {
        const t = await open();
        await t.put('Book:1>a', { ttlMs: LONG });
        await t.put('Book:1>b', { ttlMs: SHORT });
        if (t.inspect)
            expect(await t.inspect.pttl(`${t.prefix}Book:1`)).toBeLessThanOrEqual(SHORT);
        await sleep(AFTER_SHORT);
        expect(await t.get('Book:1>a')).toBeUndefined();
        expect(await t.get('Book:1>b')).toBeUndefined();
    });
    it('the hash TTL only shrinks: a sibling field written with a longer TTL does not extend it', async () => {
        const t = await open();
        await t.put('Book:1>a', { ttlMs: SHORT });
        await t.put('Book:1>b', { ttlMs: LONG });
        if (t.inspect)
            expect(await t.inspect.pttl(`${t.prefix}Book:1`)).toBeLessThanOrEqual(SHORT);
        await sleep(AFTER_SHORT);
        expect(await t.get('Book:1>a')).toBeUndefined();
        expect(await t.get('Book:1>b')).toBeUndefined();
    });
    it("a new set gets its entry's TTL plus a safety margin and expires once every member has", async () => {
        const t = await open();
        const set = t.invalidSet('User:1');
        await t.put('Book:1', { ttlMs: SHORT, invalidKeys: ['User:1'] });
        if (t.inspect) {
            // Both TTLs are set by one write; two PTTL calls a moment apart may differ by a rounding millisecond.
            const [setTtl, hashTtl] = [await t.inspect.pttl(set), await t.inspect.pttl(`${t.prefix}Book:1`)];
            expect(setTtl).toBeGreaterThan(hashTtl); // the margin: a set never expires before its value
            expect(setTtl).toBeLessThanOrEqual(SHORT + SET_TTL_MARGIN_MS);
        }
        expect(await t.exists(set)).toBe(true);
        await sleep(AFTER_SHORT);
        expect(await t.get('Book:1')).toBeUndefined();
        expect(await t.exists(set)).toBe(true); // outlives its value by the margin
        await sleep(SET_TTL_MARGIN_MS);
        expect(await t.exists(set)).toBe(false);
    });
    it("an existing set is extended to a longer-lived member's TTL and never shortened", async () => {
        const t = await open();
        const set = t.invalidSet('User:1');
        await t.put('Book:1', { ttlMs: SHORT, invalidKeys: ['User:1'] });
        await t.put('Book:2', { ttlMs: LONG, invalidKeys: ['User:1'] });
        await t.put('Book:3', { ttlMs: SHORT, invalidKeys: ['User:1'] });
        if (t.inspect)
            expect(await t.inspect.pttl(set)).toBeGreaterThan(LONG - 1000);
        await sleep(AFTER_SHORT);
        expect(await t.storage.liveMembers(set)).toEqual([`${t.prefix}Book:2`]);
    });
    it('a write without ttlMs makes its sets persistent', async () => {
        const t = await open();
        const set = t.invalidSet('User:1');
        await t.put('Book:1', { ttlMs: SHORT, invalidKeys: ['User:1'] });
        await t.put('Book:2', { invalidKeys: ['User:1'] });
        if (t.inspect)
            expect(await t.inspect.pttl(set)).toBe(-1);
        await sleep(AFTER_SHORT);
        expect(await t.storage.liveMembers(set)).toEqual([`${t.prefix}Book:2`]);
    });
    it('an existing persistent set stays persistent when a member with a TTL joins', async () => {
        const t = await open();
        const set = t.invalidSet('User:1');
        await t.put('Book:1', { invalidKeys: ['User:1'] });
        await t.put('Book:2', { ttlMs: SHORT, invalidKeys: ['User:1'] });
        if (t.inspect)
            expect(await t.inspect.pttl(set)).toBe(-1);
        await sleep(AFTER_SHORT);
        expect(await t.storage.liveMembers(set)).toEqual([`${t.prefix}Book:1`]);
    });
}
//# sourceMappingURL=ttl.js.map