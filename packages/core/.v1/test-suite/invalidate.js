export function invalidateTests({ it, expect, open }) {
    it('invalidate() removes every entry registered in the set, then the set, and returns the count', async () => {
        const t = await open();
        for (const key of ['Book:1', 'Book:2>owner', 'Shelf:9>books'])
            await t.put(key, { invalidKeys: ['User:200'] });
        const set = t.invalidSet('User:200');
        expect((await t.storage.invalidate({ guards: ['k:User:200'], sets: [set], meta: t.meta })).removed).toBe(3);
        for (const key of ['Book:1', 'Book:2>owner', 'Shelf:9>books'])
            expect(await t.get(key)).toBeUndefined();
        expect(await t.exists(set)).toBe(false);
        if (t.inspect)
            expect(await t.inspect.type(set)).toBe('none');
    });
    it('invalidate() handles several sets and counts an entry registered in two of them once', async () => {
        const t = await open();
        await t.put('Book:1', { invalidKeys: ['User:1'] });
        await t.put('Book:2', { invalidKeys: ['User:2'] });
        await t.put('Book:3', { invalidKeys: ['User:1', 'User:2'] });
        const sets = [t.invalidSet('User:1'), t.invalidSet('User:2')];
        expect((await t.storage.invalidate({ guards: ['k:User:1', 'k:User:2'], sets, meta: t.meta })).removed).toBe(3);
        for (const key of ['Book:1', 'Book:2', 'Book:3'])
            expect(await t.get(key)).toBeUndefined();
        for (const set of sets)
            expect(await t.exists(set)).toBe(false);
    });
    it('invalidate() leaves entries outside the set alone, including other fields of the same hash', async () => {
        const t = await open();
        await t.put('Book:1>owner', { invalidKeys: ['User:1'] });
        await t.put('Book:1>title', { invalidKeys: ['Book:1'] });
        await t.put('Book:2', { invalidKeys: ['User:2'] });
        const { removed } = await t.storage.invalidate({
            guards: ['k:User:1'],
            sets: [t.invalidSet('User:1')],
            meta: t.meta,
        });
        expect(removed).toBe(1);
        expect(await t.get('Book:1>owner')).toBeUndefined();
        expect(await t.get('Book:1>title')).toBe('value of Book:1>title');
        expect(await t.get('Book:2')).toBe('value of Book:2');
        expect(await t.exists(t.invalidSet('Book:1'))).toBe(true);
    });
    it('invalidate() ignores malformed members and members that name keys of other types', async () => {
        const t = await open();
        const set = t.invalidSet('User:1');
        const other = t.invalidSet('User:2');
        await t.put('Book:9', { invalidKeys: ['User:2'] }); // makes `other` an existing SET
        await t.put('Book:1', { invalidKeys: ['User:1'] });
        // Requests a correct core never builds: their set members are not well-formed entry keys.
        const odd = [
            { fullKey: `${t.prefix}A>b>c`, hash: `${t.prefix}A`, field: 'b>c' }, // two '>'
            { fullKey: `${t.prefix}B>`, hash: `${t.prefix}B`, field: 'x' }, // empty field
            { fullKey: other, hash: `${t.prefix}C`, field: 'base' }, // names a SET
            { fullKey: t.meta.log, hash: `${t.prefix}D`, field: 'base' }, // names the log ZSET
        ];
        for (const entry of odd) {
            expect(await t.storage.write({ ...(await t.request('X:1', { invalidKeys: ['User:1'] })), entry })).toBe(true);
        }
        await t.storage.logGuards(['k:Nothing'], t.meta); // the log exists, so its member names a real ZSET
        expect((await t.storage.invalidate({ guards: ['k:User:1'], sets: [set], meta: t.meta })).removed).toBe(1);
        expect(await t.get('Book:1')).toBeUndefined();
        for (const entry of odd)
            expect((await t.storage.read(entry, t.meta)).payload).toBe('value of X:1');
        expect(await t.get('Book:9')).toBe('value of Book:9');
        expect(await t.exists(other)).toBe(true);
        expect(await t.exists(set)).toBe(false);
    });
    it('invalidate() of sets that do not exist removes nothing and returns 0', async () => {
        const t = await open();
        await t.put('Book:1', { invalidKeys: ['User:1'] });
        const missing = { guards: ['k:User:404'], sets: [t.invalidSet('User:404')], meta: t.meta };
        expect((await t.storage.invalidate(missing)).removed).toBe(0);
        expect(await t.storage.invalidate({ guards: [], sets: [], meta: t.meta })).toEqual({
            removed: 0,
            seq: undefined,
        });
        expect(await t.get('Book:1')).toBe('value of Book:1');
    });
    it('invalidate() logs its guards under a new, higher sequence that starts at the clock in microseconds', async () => {
        const t = await open();
        const before = Date.now() * 1000;
        const logged = await t.storage.invalidate({ guards: ['k:User:1'], sets: [], meta: t.meta });
        const first = await t.snapshot();
        // The server clock may differ a little from ours; a minute of slack, still far above small integers.
        expect(first).toBeGreaterThan(before - 60_000_000);
        expect(Number.isSafeInteger(first)).toBe(true);
        // invalidate() returns the sequence it logged (what a later read's snapshot shows).
        expect(logged.seq).toBe(first);
        const next = await t.storage.invalidate({ guards: ['k:User:1', 'm:User'], sets: [], meta: t.meta });
        expect(next.seq).toBe(first + 1);
        expect(await t.snapshot()).toBe(first + 1);
        expect(await t.storage.logGuards(['k:User:2'], t.meta)).toBe(first + 2);
    });
    it('invalidate() without guards deletes but logs nothing: the sequence does not move', async () => {
        const t = await open();
        await t.storage.invalidate({ guards: ['k:User:1'], sets: [], meta: t.meta });
        const seq = await t.snapshot();
        await t.put('Book:1', { invalidKeys: ['User:1'] });
        expect(await t.storage.invalidate({ guards: [], sets: [t.invalidSet('User:1')], meta: t.meta })).toEqual({
            removed: 1,
            seq: undefined,
        });
        expect(await t.snapshot()).toBe(seq);
        expect(await t.get('Book:1')).toBeUndefined();
    });
}
//# sourceMappingURL=invalidate.js.map