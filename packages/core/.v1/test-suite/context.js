/**
 * Harness types and per-test helpers of the storage conformance suite (see `index.ts`).
 */
import { randomUUID } from 'node:crypto';
import { writeGuards } from '../guard-names.js';
import { entryRef, escapeGlob, invalidSetKey, metaKeys, tagSetKey } from '../key.js';
/** The suite's view of the caller's runner, with cleanup of every storage a test opened. */
export function suite(runner, factory, capabilities, timeoutMs) {
    const opened = [];
    runner.afterEach(async () => {
        await Promise.all(opened.splice(0).map((harness) => harness.cleanup()));
    });
    return {
        it: (name, body) => runner.it(name, body, timeoutMs),
        expect: runner.expect,
        capabilities,
        open: async (options = {}) => {
            const prefix = `t${randomUUID()}:`;
            const harness = await factory({ prefix, ...options });
            opened.push(harness);
            return context(harness, prefix);
        },
    };
}
function context(harness, prefix) {
    const { storage } = harness;
    const meta = metaKeys(prefix);
    const ctx = {
        ...harness,
        prefix,
        meta,
        entry: (key) => entryRef(prefix, key),
        invalidSet: (invalidKey) => invalidSetKey(prefix, invalidKey),
        tagSet: (tag) => tagSetKey(prefix, tag),
        startLog: async () => {
            await storage.logGuards(['k:Unrelated:0'], meta);
        },
        snapshot: async () => {
            const { seq } = await storage.read(entryRef(prefix, 'Snapshot:probe'), meta, { seq: true });
            if (seq === undefined)
                throw new Error('read(entry, meta, { seq: true }) returned no sequence');
            return seq;
        },
        put: async (key, put = {}) => storage.write(await ctx.request(key, put)),
        get: async (key) => (await storage.read(entryRef(prefix, key), meta)).payload,
        exists: async (key) => {
            for await (const batch of storage.scan({ match: escapeGlob(key), count: 1000 })) {
                if (batch.includes(key))
                    return true;
            }
            return false;
        },
        request: async (key, put = {}) => {
            const invalidKeys = put.invalidKeys ?? [];
            const tag = put.tag ?? 'default';
            return {
                entry: entryRef(prefix, key),
                payload: put.payload ?? `value of ${key}`,
                ttlMs: put.ttlMs,
                sets: [...invalidKeys.map((invalidKey) => invalidSetKey(prefix, invalidKey)), tagSetKey(prefix, tag)],
                guards: [...writeGuards(invalidKeys, tag), ...(put.guards ?? [])],
                seq: put.seq ?? (await ctx.snapshot()),
                meta,
            };
        },
    };
    return ctx;
}
/** Resolves after `ms` milliseconds. */
export function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** Every key a scan yields, and how many batches it took. */
export async function scanAll(storage, match, count) {
    const keys = new Set();
    let batches = 0;
    for await (const batch of storage.scan({ match, count })) {
        batches++;
        for (const key of batch)
            keys.add(key);
    }
    return { keys, batches };
}
//# sourceMappingURL=context.js.map