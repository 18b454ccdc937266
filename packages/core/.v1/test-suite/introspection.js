/**
 * Conformance: the introspection operations (scanPage, setPage, hashPage, describeKeys, describeEntries,
 * isMember) and drainSet. Pages are walked to the end: a storage may split them as it likes, but an item
 * present for the whole iteration must be returned, and a finished iteration ends with cursor `'0'`.
 */
import { escapeGlob } from '../key.js';
/** Every item of a paged iteration (deduplicated, as SCAN may repeat), and how many calls it took. */
async function walk(next, count, id = String) {
    const items = new Map();
    let cursor = '0';
    let calls = 0;
    do {
        const page = await next({ cursor, count });
        calls++;
        for (const item of page.items)
            items.set(id(item), item);
        cursor = page.cursor;
        if (calls > 10_000)
            throw new Error('iteration did not end: the cursor never returned to "0"');
    } while (cursor !== '0');
    return { items, calls };
}
async function rejection(promise) {
    try {
        await promise;
    }
    catch (error) {
        return error;
    }
    return undefined;
}
export function introspectionTests({ it, expect, open }) {
    it('scanPage() walks every matching key from cursor "0" back to "0", in bounded steps', async () => {
        const t = await open();
        const u = await open();
        const books = Array.from({ length: 40 }, (_, i) => `Book:${i}`);
        for (const key of [...books, 'User:1'])
            await t.put(key);
        await u.put('Book:1'); // same name, other prefix: never matched
        const match = `${escapeGlob(t.prefix)}Book:*`;
        const { items, calls } = await walk((o) => t.storage.scanPage({ ...o, match }), 5);
        expect([...items.keys()].sort()).toEqual(books.map((key) => t.prefix + key).sort());
        expect(calls).toBeGreaterThan(1);
    });
    it('scanPage(), setPage() and hashPage() refuse a cursor they never returned (E_INVALID_OPTION)', async () => {
        const t = await open();
        const match = `${escapeGlob(t.prefix)}*`;
        for (const cursor of ['not a cursor', '-1', 'x.y']) {
            const errors = [
                await rejection(t.storage.scanPage({ match, cursor, count: 10 })),
                await rejection(t.storage.setPage(t.tagSet('x'), { cursor, count: 10 })),
                await rejection(t.storage.hashPage(`${t.prefix}H`, { cursor, count: 10 })),
            ];
            for (const error of errors)
                expect(error?.code, cursor).toBe('E_INVALID_OPTION');
        }
    });
    it('setPage() walks every member of a set; a missing set has none', async () => {
        const t = await open();
        const keys = Array.from({ length: 60 }, (_, i) => `Book:${i}>owner`);
        for (const key of keys)
            await t.put(key, { invalidKeys: ['User:200'] });
        const set = t.invalidSet('User:200');
        const { items } = await walk((o) => t.storage.setPage(set, o), 10);
        expect([...items.keys()].sort()).toEqual(keys.map((key) => t.prefix + key).sort());
        expect(await t.storage.setPage(t.invalidSet('Nobody'), { cursor: '0', count: 10 })).toEqual({
            cursor: '0',
            items: [],
        });
    });
    it('hashPage() lists every field of a hash with its payload length, not its payload', async () => {
        const t = await open();
        await t.put('Book:1>owner', { payload: 'abc' });
        await t.put('Book:1>title', { payload: 'é€' }); // 2 + 3 bytes in UTF-8
        for (let i = 0; i < 30; i++)
            await t.put(`Book:1>f${i}`, { payload: 'x'.repeat(i) });
        const { items } = await walk((o) => t.storage.hashPage(`${t.prefix}Book:1`, o), 7, (f) => f.field);
        expect(items.size).toBe(32);
        expect(items.get('owner')).toEqual({ field: 'owner', bytes: 3 });
        expect(items.get('title')).toEqual({ field: 'title', bytes: 5 });
        expect(items.get('f29')).toEqual({ field: 'f29', bytes: 29 });
        const none = await t.storage.hashPage(`${t.prefix}Missing`, { cursor: '0', count: 10 });
        expect(none).toEqual({ cursor: '0', items: [] });
        const set = await t.storage.hashPage(t.tagSet('default'), { cursor: '0', count: 10 });
        expect(set.items).toEqual([]); // a key of another type has no fields
    });
    it('describeKeys() reports type, TTL and size of each key, in order', async () => {
        const t = await open();
        await t.put('Book:1>a', { ttlMs: 60_000, invalidKeys: ['User:1'] });
        await t.put('Book:1>b', { ttlMs: 60_000, invalidKeys: ['User:1'] });
        const [hash, set, missing] = await t.storage.describeKeys([
            `${t.prefix}Book:1`,
            t.invalidSet('User:1'),
            `${t.prefix}Missing`,
        ]);
        expect(hash?.key).toBe(`${t.prefix}Book:1`);
        expect(hash?.type).toBe('hash');
        expect(hash?.size).toBe(2);
        expect(hash?.ttlMs).toBeGreaterThan(50_000);
        expect(hash?.ttlMs).toBeLessThanOrEqual(60_000);
        expect(set?.type).toBe('set');
        expect(set?.size).toBe(2);
        expect(set?.ttlMs).toBeGreaterThan(60_000); // a set outlives its members by the margin
        expect(missing).toEqual({ key: `${t.prefix}Missing`, type: 'none', ttlMs: undefined, size: 0 });
        await t.storage.pushList(`${t.prefix}#cm:journal:x`, 'one', 10);
        const lock = `${t.prefix}#cm:lock:Book:3`;
        await t.storage.acquireLock(lock, 'token', 60_000);
        const [list, string] = await t.storage.describeKeys([`${t.prefix}#cm:journal:x`, lock]);
        expect([list?.type, list?.size, list?.ttlMs]).toEqual(['list', 1, undefined]);
        expect([string?.type, string?.size]).toEqual(['string', 5]);
        expect(await t.storage.describeKeys([])).toEqual([]);
    });
    it('describeEntries() reports existence, byte length, TTL and at most peekBytes of the payload', async () => {
        const t = await open();
        const long = `${'€'.repeat(10)}tail`; // 34 bytes
        await t.put('Book:1>owner', { payload: long });
        await t.put('Book:2', { payload: 'short', ttlMs: 30_000 });
        const [cut, whole, none, hidden] = await t.storage.describeEntries([t.entry('Book:1>owner'), t.entry('Book:2'), t.entry('Book:3'), t.entry('Book:2')], 7);
        expect(cut?.exists).toBe(true);
        expect(cut?.bytes).toBe(34);
        expect(cut?.ttlMs).toBeUndefined();
        // 7 bytes = two whole euro signs and a third cut in half (replaced by U+FFFD).
        expect(cut?.payload).toBe('€€\uFFFD');
        expect(whole?.payload).toBe('short');
        expect(whole?.ttlMs).toBeGreaterThan(20_000);
        expect(none).toEqual({ exists: false, bytes: 0, ttlMs: undefined, payload: undefined });
        expect(hidden?.exists).toBe(true);
        const [noPeek] = await t.storage.describeEntries([t.entry('Book:2')], 0);
        expect(noPeek).toEqual({ exists: true, bytes: 5, ttlMs: noPeek?.ttlMs, payload: undefined });
        // A "field" of a key that is not a hash (here a set) is not an entry.
        const asSet = { fullKey: t.tagSet('default'), hash: t.tagSet('default'), field: 'base' };
        expect((await t.storage.describeEntries([asSet], 10))[0]?.exists).toBe(false);
    });
    it('isMember() tells for each set whether the member is in it (false for missing keys and non-sets)', async () => {
        const t = await open();
        await t.put('Book:1', { invalidKeys: ['User:1', 'User:2'] });
        await t.put('Book:2', { invalidKeys: ['User:3'] });
        const member = `${t.prefix}Book:1`;
        const sets = ['User:1', 'User:2', 'User:3', 'User:4'].map((key) => t.invalidSet(key));
        expect(await t.storage.isMember([...sets, `${t.prefix}Book:2`], member)).toEqual([
            true,
            true,
            false,
            false,
            false,
        ]);
    });
    it('drainSet() removes at most count members and their entries per call, until the set is gone', async () => {
        const t = await open();
        const keys = Array.from({ length: 25 }, (_, i) => `Book:${i}>owner`);
        for (const key of keys)
            await t.put(key, { invalidKeys: ['User:200'] });
        await t.put('Book:0>title', { invalidKeys: ['Book:0'] }); // sibling field, not in the set
        const set = t.invalidSet('User:200');
        const first = await t.storage.drainSet(set, 10);
        expect(first).toEqual({ removed: 10, remaining: 15 });
        let removed = first.removed;
        let steps = 1;
        for (let step = first; step.remaining > 0; steps++) {
            step = await t.storage.drainSet(set, 10);
            removed += step.removed;
            if (steps > 10)
                throw new Error('drainSet() never emptied the set');
        }
        expect(steps).toBe(3);
        expect(removed).toBe(25);
        for (const key of keys)
            expect(await t.get(key)).toBeUndefined();
        expect(await t.get('Book:0>title')).toBe('value of Book:0>title');
        expect(await t.exists(set)).toBe(false);
        expect(await t.storage.drainSet(set, 10)).toEqual({ removed: 0, remaining: 0 });
    });
    it('drainSet() never loses a membership added between two steps: a later step removes it with its entry', async () => {
        const t = await open();
        for (let i = 0; i < 4; i++)
            await t.put(`Book:${i}`, { invalidKeys: ['User:1'] });
        const set = t.invalidSet('User:1');
        expect(await t.storage.drainSet(set, 2)).toEqual({ removed: 2, remaining: 2 });
        await t.put('Late:1', { invalidKeys: ['User:1'] });
        expect(await t.storage.drainSet(set, 100)).toEqual({ removed: 3, remaining: 0 });
        expect(await t.get('Late:1')).toBeUndefined();
    });
}
//# sourceMappingURL=introspection.js.map