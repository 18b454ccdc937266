/** SCAN COUNT of one step. */
const STEP_COUNT = 1000;
/** Invalid keys and tags whose sets hold `fullKey`; `complete: false` when stopped by the limit or signal. */
export async function findRegistrations(storage, keys, fullKey, maxSteps, signal) {
    const invalidKeys = new Set();
    const tags = new Set();
    const result = (complete) => ({
        invalidKeys: [...invalidKeys].sort(),
        tags: [...tags].sort(),
        complete,
    });
    let cursor = '0';
    for (let steps = 0;; steps++) {
        if (steps >= maxSteps || signal?.aborted === true)
            return result(false);
        const page = await storage.scanPage({ match: keys.match('*'), cursor, count: STEP_COUNT });
        const sets = page.items.filter((key) => keys.invalidKeyOf(key) !== undefined || keys.tagOf(key) !== undefined);
        const member = await storage.isMember(sets, fullKey);
        sets.forEach((set, i) => {
            if (member[i] !== true)
                return;
            const invalid = keys.invalidKeyOf(set);
            const tag = keys.tagOf(set);
            if (invalid !== undefined)
                invalidKeys.add(invalid);
            else if (tag !== undefined)
                tags.add(tag);
        });
        cursor = page.cursor;
        if (cursor === '0')
            return result(true);
    }
}
//# sourceMappingURL=registrations.js.map