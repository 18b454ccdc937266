/** Conformance: liveMembers(), scan() and deleteKeys(). */
import { escapeGlob } from '../key.js';
import { scanAll } from './context.js';
export function keysTests({ it, expect, capabilities, open }) {
    // Pruning dead members needs the check and the SREM to be atomic (atomicWrite); Cluster only filters.
    it('liveMembers() returns the members whose entry exists (and prunes the others where atomic)', async () => {
        const t = await open();
        const tag = t.tagSet('books');
        for (const id of [1, 2, 3])
            await t.put(`Book:${id}>owner`, { invalidKeys: [`User:${id}`], tag: 'books' });
        // A malformed member is dead too.
        const odd = { fullKey: `${t.prefix}A>b>c`, hash: `${t.prefix}A`, field: 'b' };
        await t.storage.write({ ...(await t.request('X:1', { tag: 'books' })), entry: odd });
        await t.storage.invalidate({ guards: ['k:User:2'], sets: [t.invalidSet('User:2')], meta: t.meta });
        const live = [`${t.prefix}Book:1>owner`, `${t.prefix}Book:3>owner`];
        expect((await t.storage.liveMembers(tag)).sort()).toEqual(live);
        if (t.inspect && capabilities.atomicWrite)
            expect((await t.inspect.smembers(tag)).sort()).toEqual(live);
        if (t.inspect && !capabilities.atomicWrite)
            expect(await t.inspect.smembers(tag)).toHaveLength(4);
        await t.storage.invalidate({
            guards: ['k:User:1', 'k:User:3'],
            sets: [t.invalidSet('User:1'), t.invalidSet('User:3')],
            meta: t.meta,
        });
        expect(await t.storage.liveMembers(tag)).toEqual([]);
        expect(await t.exists(tag)).toBe(!capabilities.atomicWrite);
    });
    it('liveMembers() of a missing set returns no members', async () => {
        const t = await open();
        expect(await t.storage.liveMembers(t.tagSet('none'))).toEqual([]);
    });
    it('scan() yields the matching keys in batches and nothing outside the pattern', async () => {
        const t = await open();
        const u = await open();
        const books = Array.from({ length: 30 }, (_, i) => `Book:${i}`);
        for (const key of books)
            await t.put(key);
        for (const key of ['User:1', 'Bookshelf'])
            await t.put(key);
        for (const key of ['Book:1', 'Book:2'])
            await u.put(key); // same names, another prefix
        const { keys, batches } = await scanAll(t.storage, `${escapeGlob(t.prefix)}Book:*`, 5);
        expect([...keys].sort()).toEqual(books.map((key) => t.prefix + key).sort());
        expect(batches).toBeGreaterThan(1);
    });
    it('scan() supports Redis glob syntax: escapes, ? and [...] classes', async () => {
        const t = await open();
        const names = ['a*b', 'axb', 'a?b', 'acb', 'adb', 'a1b', 'ab', 'a[1]', 'a\\b', 'aXYb'];
        for (const name of names)
            await t.put(name);
        const p = escapeGlob(t.prefix);
        const match = async (pattern) => [...(await scanAll(t.storage, pattern, 100)).keys].map((key) => key.slice(t.prefix.length)).sort();
        expect(await match(escapeGlob(`${t.prefix}a*b`))).toEqual(['a*b']);
        expect(await match(escapeGlob(`${t.prefix}a[1]`))).toEqual(['a[1]']);
        expect(await match(escapeGlob(`${t.prefix}a\\b`))).toEqual(['a\\b']);
        expect(await match(`${p}a\\?b`)).toEqual(['a?b']);
        expect(await match(`${p}a?b`)).toEqual(['a*b', 'a1b', 'a?b', 'a\\b', 'acb', 'adb', 'axb']);
        expect(await match(`${p}a[cd]b`)).toEqual(['acb', 'adb']);
        expect(await match(`${p}a[^cd]b`)).toEqual(['a*b', 'a1b', 'a?b', 'a\\b', 'axb']);
        expect(await match(`${p}a[a-c]b`)).toEqual(['acb']);
        expect(await match(`${p}a[c-a]b`)).toEqual(['acb']);
        expect(await match(`${p}a[\\*\\?]b`)).toEqual(['a*b', 'a?b']);
        expect(await match(`${p}a*b`)).toEqual(['a*b', 'a1b', 'a?b', 'aXYb', 'a\\b', 'ab', 'acb', 'adb', 'axb']);
    });
    it('deleteKeys() removes whole keys and returns how many existed', async () => {
        const t = await open();
        await t.put('Book:1>a');
        await t.put('Book:1>b');
        await t.put('Book:2', { invalidKeys: ['User:1'] });
        const keys = [`${t.prefix}Book:1`, `${t.prefix}Book:2`, t.invalidSet('User:1'), `${t.prefix}Missing`];
        expect(await t.storage.deleteKeys(keys)).toBe(3);
        expect(await t.get('Book:1>a')).toBeUndefined();
        expect(await t.get('Book:1>b')).toBeUndefined();
        expect(await t.get('Book:2')).toBeUndefined();
        expect(await t.exists(t.invalidSet('User:1'))).toBe(false);
        expect(await t.storage.deleteKeys([])).toBe(0);
    });
}
//# sourceMappingURL=keys.js.map