/** Conformance: read, write and the data layout (docs/architecture.md, "Redis layout"). */
import { CachemeError } from '../errors.js';
export function readWriteTests({ it, expect, open }) {
    it('read() of a missing entry returns undefined and, when asked, sequence 0 before any invalidation', async () => {
        const t = await open();
        expect(await t.storage.read(t.entry('Book:1'), t.meta, { seq: true })).toEqual({
            payload: undefined,
            seq: 0,
        });
        expect((await t.storage.read(t.entry('Book:1'), t.meta)).payload).toBeUndefined();
    });
    it('write() stores the payload and read() returns it, with the sequence when asked', async () => {
        const t = await open();
        expect(await t.put('Book:1', { payload: '{"title":"Dune"}', invalidKeys: ['Book:1'] })).toBe(true);
        expect(await t.storage.read(t.entry('Book:1'), t.meta, { seq: true })).toEqual({
            payload: '{"title":"Dune"}',
            seq: 0,
        });
        expect((await t.storage.read(t.entry('Book:1'), t.meta)).payload).toBe('{"title":"Dune"}');
    });
    it('read() with { seq: true } returns the sequence of the latest invalidation', async () => {
        const t = await open();
        const { seq } = await t.storage.invalidate({ guards: ['k:User:1'], sets: [], meta: t.meta });
        expect((await t.storage.read(t.entry('Book:1'), t.meta, { seq: true })).seq).toBe(seq);
    });
    it('write() stores an empty payload as a value, not as a miss', async () => {
        const t = await open();
        await t.put('Book:1', { payload: '' });
        expect(await t.get('Book:1')).toBe('');
    });
    it('write() overwrites an existing value', async () => {
        const t = await open();
        await t.put('Book:1', { payload: 'old' });
        await t.put('Book:1', { payload: 'new' });
        expect(await t.get('Book:1')).toBe('new');
    });
    it("write() stores a key without '>' in field 'base' of the hash P+K", async () => {
        const t = await open();
        await t.put('Book:100', { invalidKeys: ['Book:100'] });
        expect(t.entry('Book:100')).toEqual({
            fullKey: `${t.prefix}Book:100`,
            hash: `${t.prefix}Book:100`,
            field: 'base',
        });
        expect(await t.exists(`${t.prefix}Book:100`)).toBe(true);
        if (t.inspect) {
            expect(await t.inspect.type(`${t.prefix}Book:100`)).toBe('hash');
            expect(await t.inspect.hget(`${t.prefix}Book:100`, 'base')).toBe('value of Book:100');
        }
    });
    it("write() stores 'Main>field' in field 'field' of hash P+Main and adds the full key to every set", async () => {
        const t = await open();
        // The README example: book 100's owner depends on user 200.
        await t.put('Book:100>owner', { invalidKeys: ['User:200'], tag: 'owner' });
        const fullKey = `${t.prefix}Book:100>owner`;
        expect(await t.exists(`${t.prefix}Book:100`)).toBe(true);
        expect(await t.exists(fullKey)).toBe(false);
        expect(await t.storage.liveMembers(`${t.prefix}User:200:invalid`)).toEqual([fullKey]);
        expect(await t.storage.liveMembers(t.tagSet('owner'))).toEqual([fullKey]);
        if (t.inspect) {
            expect(await t.inspect.type(`${t.prefix}Book:100`)).toBe('hash');
            expect(await t.inspect.hget(`${t.prefix}Book:100`, 'owner')).toBe('value of Book:100>owner');
            expect(await t.inspect.type(`${t.prefix}User:200:invalid`)).toBe('set');
            expect(await t.inspect.smembers(`${t.prefix}User:200:invalid`)).toEqual([fullKey]);
            expect(await t.inspect.smembers(t.tagSet('owner'))).toEqual([fullKey]);
        }
    });
    it('two fields of one hash are independent entries', async () => {
        const t = await open();
        await t.put('Book:1>owner', { payload: 'alice' });
        await t.put('Book:1>title', { payload: 'Dune' });
        expect(await t.get('Book:1>owner')).toBe('alice');
        expect(await t.get('Book:1>title')).toBe('Dune');
        expect(await t.get('Book:1')).toBeUndefined();
        if (t.inspect)
            expect(await t.inspect.hget(`${t.prefix}Book:1`, 'title')).toBe('Dune');
    });
    it('write() rejects a TTL that is not a positive number, storing nothing', async () => {
        const t = await open();
        for (const ttlMs of [0, -5, Number.NaN]) {
            const error = await t.put('Book:1', { ttlMs }).catch((caught) => caught);
            expect(CachemeError.is(error, 'E_INVALID_OPTION')).toBe(true);
        }
        expect(await t.get('Book:1')).toBeUndefined();
    });
    it('write() rejects a snapshot that read() cannot have returned, storing nothing', async () => {
        const t = await open();
        for (const seq of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
            const error = await t.put('Book:1', { seq, invalidKeys: ['User:1'] }).catch((caught) => caught);
            expect(CachemeError.is(error, 'E_INVALID_OPTION')).toBe(true);
        }
        expect(await t.get('Book:1')).toBeUndefined();
        expect(await t.exists(t.invalidSet('User:1'))).toBe(false);
    });
}
//# sourceMappingURL=read-write.js.map