export function raceGuardTests({ it, expect, capabilities, open }) {
    it('write() returns false and stores nothing when one of its guards was invalidated after its snapshot', async () => {
        const t = await open();
        await t.startLog();
        const seq = await t.snapshot();
        await t.storage.invalidate({ guards: ['k:User:1'], sets: [t.invalidSet('User:1')], meta: t.meta });
        expect(await t.put('Book:1', { invalidKeys: ['User:1'], seq })).toBe(false);
        expect(await t.get('Book:1')).toBeUndefined();
        if (capabilities.atomicWrite)
            expect(await t.exists(t.invalidSet('User:1'))).toBe(false);
    });
    it('each kind of guard name rejects: invalid key, model and tag', async () => {
        const t = await open();
        await t.startLog();
        for (const [guard, i] of [
            ['k:User:1', 1],
            ['m:User', 2],
            ['t:books', 3],
        ]) {
            const seq = await t.snapshot();
            await t.storage.invalidate({ guards: [guard], sets: [], meta: t.meta });
            expect(await t.put(`Book:${i}`, { invalidKeys: ['User:1'], tag: 'books', seq })).toBe(false);
            expect(await t.get(`Book:${i}`)).toBeUndefined();
        }
    });
    it('an invalidation of an unrelated guard does not reject the write', async () => {
        const t = await open();
        await t.startLog();
        const seq = await t.snapshot();
        await t.storage.invalidate({
            guards: ['k:User:2', 'm:Shelf'],
            sets: [t.invalidSet('User:2')],
            meta: t.meta,
        });
        expect(await t.put('Book:1', { invalidKeys: ['User:1'], seq })).toBe(true);
        expect(await t.get('Book:1')).toBe('value of Book:1');
    });
    it('a snapshot taken after the invalidation is accepted', async () => {
        const t = await open();
        await t.storage.invalidate({ guards: ['k:User:1'], sets: [], meta: t.meta });
        expect(await t.put('Book:1', { invalidKeys: ['User:1'] })).toBe(true);
        expect(await t.get('Book:1')).toBe('value of Book:1');
    });
    it("the global guard '*' rejects every write whose snapshot is older", async () => {
        const t = await open();
        await t.startLog();
        const seq = await t.snapshot();
        await t.storage.invalidate({ guards: ['*'], sets: [], meta: t.meta });
        expect(await t.put('Book:1', { invalidKeys: ['User:1'], seq })).toBe(false);
        expect(await t.put('Other:1', { seq })).toBe(false);
        expect(await t.put('Other:2')).toBe(true);
    });
    it('a snapshot below the floor is rejected once the log was trimmed past it', async () => {
        const t = await open({ logMaxEntries: 3 });
        await t.storage.logGuards(['k:Warmup'], t.meta);
        const seq = await t.snapshot();
        for (const id of [1, 2, 3, 4, 5])
            await t.storage.invalidate({ guards: [`k:User:${id}`], sets: [], meta: t.meta });
        // None of these guards concerns the write, but the names logged after `seq` may have been trimmed.
        expect(await t.put('Book:1', { invalidKeys: ['Shelf:1'], seq })).toBe(false);
        expect(await t.put('Book:1', { invalidKeys: ['Shelf:1'] })).toBe(true);
        // Still exact for guards that are in the log: a snapshot between invalidations 4 and 5 of User:5.
        const mid = (await t.snapshot()) - 1;
        expect(await t.put('Book:2', { invalidKeys: ['User:5'], seq: mid })).toBe(false);
        expect(await t.put('Book:3', { invalidKeys: ['User:4'], seq: mid })).toBe(true);
    });
    it('logGuards() rejects later writes with older snapshots without deleting anything', async () => {
        const t = await open();
        await t.startLog();
        await t.put('Book:1', { invalidKeys: ['User:1'] });
        const seq = await t.snapshot();
        await t.storage.logGuards(['k:User:1'], t.meta);
        expect(await t.snapshot()).toBeGreaterThan(seq);
        expect(await t.get('Book:1')).toBe('value of Book:1');
        expect(await t.put('Book:2', { invalidKeys: ['User:1'], seq })).toBe(false);
        expect(await t.get('Book:2')).toBeUndefined();
        await t.storage.logGuards([], t.meta);
        expect(await t.put('Book:3', { invalidKeys: ['User:1'] })).toBe(true);
    });
    it('a rejected write never replaces a newer value with its stale one', async () => {
        const t = await open();
        await t.startLog();
        const stale = await t.snapshot();
        await t.storage.invalidate({ guards: ['k:User:1'], sets: [], meta: t.meta });
        expect(await t.put('Book:1', { invalidKeys: ['User:1'], payload: 'fresh' })).toBe(true);
        expect(await t.put('Book:1', { invalidKeys: ['User:1'], payload: 'stale', seq: stale })).toBe(false);
        const value = await t.get('Book:1');
        // Without atomic writes the stale write may have overwritten and then removed it: a miss, not stale.
        if (capabilities.atomicWrite)
            expect(value).toBe('fresh');
        else
            expect(value === 'fresh' || value === undefined).toBe(true);
    });
    it('the first invalidation of a prefix rejects every snapshot taken before it, whatever its guards', async () => {
        const t = await open();
        const seq = await t.snapshot();
        expect(seq).toBe(0);
        await t.storage.invalidate({ guards: ['k:User:2'], sets: [], meta: t.meta });
        expect(await t.put('Book:1', { invalidKeys: ['User:1'], seq })).toBe(false);
        expect(await t.put('Book:1', { invalidKeys: ['User:1'] })).toBe(true);
    });
    it('lost meta keys (FLUSH, eviction) never make an older snapshot look fresh', async () => {
        const t = await open();
        await t.storage.invalidate({ guards: ['k:User:1'], sets: [], meta: t.meta });
        const seq = await t.snapshot();
        // The sequence alone is lost, then an invalidation restarts it: it must restart above `seq`.
        await t.storage.deleteKeys([t.meta.seq]);
        expect(await t.snapshot()).toBe(0);
        await t.storage.invalidate({ guards: ['k:User:1'], sets: [], meta: t.meta });
        expect(await t.snapshot()).toBeGreaterThan(seq);
        expect(await t.put('Book:1', { invalidKeys: ['User:1'], seq })).toBe(false);
        // Everything is lost and nothing was invalidated since: an older non-zero snapshot is still unprovable.
        const seq2 = await t.snapshot();
        expect(await t.storage.deleteKeys([t.meta.seq, t.meta.log, t.meta.floor])).toBe(3);
        expect(await t.put('Book:2', { invalidKeys: ['Shelf:1'], seq: seq2 })).toBe(false);
        // A snapshot of an empty state (0) is fine until the next invalidation, which rejects it.
        expect(await t.put('Book:3', { invalidKeys: ['Shelf:1'], seq: 0 })).toBe(true);
        await t.storage.invalidate({ guards: ['k:Other'], sets: [], meta: t.meta });
        expect(await t.put('Book:4', { invalidKeys: ['Shelf:1'], seq: 0 })).toBe(false);
    });
    it('concurrent writes and invalidations: no value from before an invalidation survives it', async () => {
        const t = await open();
        await t.startLog();
        const rounds = Array.from({ length: 40 }, (_, i) => i);
        await Promise.all(rounds.map(async (i) => {
            const key = `Book:${i}>owner`;
            const request = await t.request(key, { invalidKeys: [`User:${i}`] });
            const invalidation = { guards: [`k:User:${i}`], sets: [t.invalidSet(`User:${i}`)], meta: t.meta };
            // Start both in the same tick, in alternating order, so that their steps interleave.
            await Promise.all(i % 2 === 0
                ? [t.storage.write(request), t.storage.invalidate(invalidation)]
                : [t.storage.invalidate(invalidation), t.storage.write(request)]);
            expect(await t.get(key), key).toBeUndefined();
        }));
    });
}
//# sourceMappingURL=race-guard.js.map