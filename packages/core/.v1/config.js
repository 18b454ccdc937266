/**
 * Configuration: what `createCacheme(config)` accepts, and how defaults apply. An instance's
 * configuration is fixed when it is created; only the default instance's `configure()` may replace it,
 * before its first storage I/O, and it merges over the previous one (`configure({ prefix })` keeps the
 * storage).
 */
import { CachemeError, quote } from './errors.js';
import { silentLogger } from './events.js';
import { assertPrefix, metaKeys } from './key.js';
import { defaultSerializer } from './serialization/serializer.js';
import { MemoryStorage } from './storage/memory-storage.js';
/**
 * Applies defaults (or the previous configuration's values) and validates.
 * @throws CachemeError `E_INVALID_OPTION` naming the offending option.
 */
export function resolveConfig(config, previous) {
    if (typeof config !== 'object' || config === null) {
        throw new CachemeError('E_INVALID_OPTION', `configuration ${quote(config)} is not an object → pass e.g. { prefix: 'CM:' }.`);
    }
    const prefix = config.prefix ?? previous?.prefix ?? 'CM:';
    assertPrefix(prefix);
    const positive = (name, fallback) => {
        const value = config[name] ?? previous?.[name] ?? fallback;
        if (typeof value !== 'number' || !(value > 0)) {
            throw new CachemeError('E_INVALID_OPTION', `'${name}' is ${quote(value)} → pass a positive number.`);
        }
        return value;
    };
    const storage = config.storage ?? previous?.storage ?? new MemoryStorage();
    if (typeof storage?.read !== 'function' || typeof storage.write !== 'function') {
        throw new CachemeError('E_INVALID_OPTION', `'storage' is ${quote(storage)} → pass new RedisStorage(redis) or new MemoryStorage().`);
    }
    return Object.freeze({
        storage,
        prefix,
        enabled: config.enabled ?? previous?.enabled ?? true,
        serializer: config.serializer ?? previous?.serializer ?? defaultSerializer(),
        logger: config.logger ?? previous?.logger ?? silentLogger,
        meta: metaKeys(prefix),
        operationTimeoutMs: positive('operationTimeoutMs', 1000),
        maxPendingInvalidations: positive('maxPendingInvalidations', 10_000),
        breakerThreshold: positive('breakerThreshold', 5),
        breakerCooldownMs: positive('breakerCooldownMs', 5000),
        l1: resolveL1(config.l1 ?? previous?.l1, storage),
    });
}
/**
 * The `l1` option, validated, with defaults.
 * @throws CachemeError `E_INVALID_OPTION` for bad values or a storage without notices.
 */
function resolveL1(l1, storage) {
    if (l1 === undefined)
        return undefined;
    const fail = (what, fix) => {
        throw new CachemeError('E_INVALID_OPTION', `'l1' ${what} → ${fix}`);
    };
    if (typeof l1 !== 'object' || l1 === null)
        fail(`is ${quote(l1)}`, 'pass { max: 10000, ttl: 60 }.');
    if (!Number.isSafeInteger(l1.max) || l1.max < 1) {
        fail(`max is ${quote(l1.max)}`, 'pass the most entries to keep in process, a positive integer.');
    }
    if (typeof l1.ttl !== 'number' || !Number.isFinite(l1.ttl) || l1.ttl <= 0) {
        fail(`ttl is ${quote(l1.ttl)}`, 'pass the seconds an entry may stay in process, a positive number.');
    }
    const maxLagMs = l1.maxLagMs ?? 100;
    if (typeof maxLagMs !== 'number' || !Number.isFinite(maxLagMs) || maxLagMs <= 0) {
        fail(`maxLagMs is ${quote(maxLagMs)}`, 'pass a positive number of milliseconds, or leave it out (100).');
    }
    const notices = ['subscribe', 'publish', 'readSequence'];
    if (!notices.every((method) => typeof storage[method] === 'function')) {
        fail(`needs a storage with invalidation notices, and ${quote(storage.name)} has none`, 'use RedisStorage (or MemoryStorage), or leave l1 out.');
    }
    return Object.freeze({ max: l1.max, ttl: l1.ttl, maxLagMs });
}
//# sourceMappingURL=config.js.map