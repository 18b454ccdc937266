/** Conformance: the stampede lock (acquireLock / releaseLock). */
import { randomUUID } from 'node:crypto';
import { lockKey } from '../key.js';
export function lockTests({ it, expect, open }) {
    it('acquireLock() succeeds once; a second owner is refused until the holder releases it', async () => {
        const t = await open();
        const key = lockKey(t.prefix, 'Book:1');
        const [a, b] = [randomUUID(), randomUUID()];
        expect(await t.storage.acquireLock(key, a, 5000)).toBe(true);
        expect(await t.storage.acquireLock(key, b, 5000)).toBe(false);
        await t.storage.releaseLock(key, a);
        expect(await t.storage.acquireLock(key, b, 5000)).toBe(true);
    });
    it('releaseLock() with a stale token leaves the current holder alone', async () => {
        const t = await open();
        const key = lockKey(t.prefix, 'Book:2');
        expect(await t.storage.acquireLock(key, 'holder', 5000)).toBe(true);
        await t.storage.releaseLock(key, 'someone-else');
        expect(await t.storage.acquireLock(key, 'third', 5000)).toBe(false);
    });
    it('a lock expires after its TTL (a crashed holder blocks nobody for long)', async () => {
        const t = await open();
        const key = lockKey(t.prefix, 'Book:3');
        expect(await t.storage.acquireLock(key, 'crashed', 150)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 250));
        expect(await t.storage.acquireLock(key, 'next', 5000)).toBe(true);
    });
}
//# sourceMappingURL=lock.js.map