/** The oldest Redis cacheme's scripts run on. */
export declare const MIN_REDIS_VERSION = "7.0.0";
/** `redis_version` of an `INFO server` reply, or `undefined` when it has none. */
export declare function redisVersion(info: string): string | undefined;
/** True when `version` (`major.minor.patch…`) is at least {@link MIN_REDIS_VERSION}. */
export declare function isSupportedVersion(version: string): boolean;
/**
 * Checks one server's `INFO server` reply.
 * @throws CachemeError `E_STORAGE_UNSUPPORTED` naming the server and its version.
 */
export declare function assertSupportedServer(info: string, server: string): void;
/** True for an error *reply* (the server answered, e.g. NOPERM or unknown command), not a lost connection. */
export declare function isReplyError(error: unknown): boolean;
//# sourceMappingURL=redis-version.d.ts.map