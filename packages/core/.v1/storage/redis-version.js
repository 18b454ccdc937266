/**
 * The server check of {@link RedisStorage}: cacheme's scripts need Redis ≥ 7.0 (`PEXPIRE … GT/LT`,
 * `ZMSCORE`). On an older server every miss's write fails — silently, behind fail-open — so the storage
 * checks once, with `INFO server` on the server (every master on Cluster), and refuses clearly instead.
 *
 * Known limits: a server that refuses `INFO` (an ACL without `+info`, a managed service that renamed it)
 * cannot be checked and is assumed to be supported; servers that speak the protocol under another
 * version scheme (Valkey reports its Redis-compatible `redis_version`) are judged by `redis_version`.
 */
import { CachemeError, quote } from '../errors.js';
/** The oldest Redis cacheme's scripts run on. */
export const MIN_REDIS_VERSION = '7.0.0';
/** `redis_version` of an `INFO server` reply, or `undefined` when it has none. */
export function redisVersion(info) {
    return /^redis_version:([^\r\n]+)$/m.exec(info)?.[1]?.trim();
}
/** True when `version` (`major.minor.patch…`) is at least {@link MIN_REDIS_VERSION}. */
export function isSupportedVersion(version) {
    const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
    return major > 7 || (major === 7 && minor >= 0);
}
/**
 * Checks one server's `INFO server` reply.
 * @throws CachemeError `E_STORAGE_UNSUPPORTED` naming the server and its version.
 */
export function assertSupportedServer(info, server) {
    const version = redisVersion(info);
    if (version === undefined || isSupportedVersion(version))
        return;
    throw new CachemeError('E_STORAGE_UNSUPPORTED', `Redis at ${server} is version ${quote(version)}; cacheme needs Redis ≥ ${MIN_REDIS_VERSION} (PEXPIRE GT/LT, ZMSCORE) → upgrade Redis. Until then cached functions run uncached.`, { details: { server, version } });
}
/** True for an error *reply* (the server answered, e.g. NOPERM or unknown command), not a lost connection. */
export function isReplyError(error) {
    return error instanceof Error && error.name === 'ReplyError';
}
//# sourceMappingURL=redis-version.js.map