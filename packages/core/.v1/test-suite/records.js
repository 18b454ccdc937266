/** Conformance: meta records — a bounded list (pushList / listRange) and counter hashes with a TTL. */
import { CachemeError } from '../errors.js';
export function recordsTests({ it, expect, open }) {
    it('pushList() keeps the newest maxLength items, newest first; listRange() pages through them', async () => {
        const t = await open();
        const key = `${t.prefix}#cm:journal:test`;
        for (let i = 1; i <= 7; i++)
            await t.storage.pushList(key, `item ${i}`, 5);
        expect(await t.storage.listRange(key, 0, 100)).toEqual(['item 7', 'item 6', 'item 5', 'item 4', 'item 3']);
        expect(await t.storage.listRange(key, 1, 2)).toEqual(['item 6', 'item 5']);
        expect(await t.storage.listRange(key, 10, 2)).toEqual([]);
        expect(await t.storage.listRange(`${t.prefix}#cm:journal:none`, 0, 10)).toEqual([]);
    });
    it('addCounters() adds to fields atomically and sets the TTL; readCounters() reads them as numbers', async () => {
        const t = await open();
        const a = `${t.prefix}#cm:counters:test:1`;
        const b = `${t.prefix}#cm:counters:test:2`;
        await t.storage.addCounters(a, { 'h:books': 3, 'm:books': 1 }, 60_000);
        await t.storage.addCounters(a, { 'h:books': 2, 'h:users': 5, 'm:users': 0 }, 60_000);
        await t.storage.addCounters(b, { 'm:books': -1 }, 60_000);
        expect(await t.storage.readCounters([a, b, `${t.prefix}#cm:counters:test:3`])).toEqual([
            { 'h:books': 5, 'm:books': 1, 'h:users': 5 },
            { 'm:books': -1 },
            {},
        ]);
        const [info] = await t.storage.describeKeys([a]);
        expect(info?.type).toBe('hash');
        expect(info?.ttlMs ?? 0).toBeGreaterThan(50_000);
        expect(info?.ttlMs ?? Infinity).toBeLessThanOrEqual(60_000);
    });
    it('addCounters() refuses a non-integer increment before changing anything', async () => {
        const t = await open();
        const key = `${t.prefix}#cm:counters:test:1`;
        let error;
        try {
            await t.storage.addCounters(key, { 'h:a': 1, 'h:b': 1.5 }, 60_000);
        }
        catch (caught) {
            error = caught;
        }
        expect(CachemeError.is(error, 'E_INVALID_OPTION')).toBe(true);
        expect(await t.storage.readCounters([key])).toEqual([{}]);
    });
}
//# sourceMappingURL=records.js.map