/**
 * The per-operation timeout of the storage layer, and the translation of driver errors into
 * `CachemeError`s.
 *
 * Limits: a timed-out operation is abandoned, not cancelled: it may still complete on the server later.
 * For writes that is safe (the race guard and the set memberships are written together, or in an order
 * that keeps the guard sound on Cluster); for invalidations the caller retries, which is idempotent.
 */
import { CachemeError, toError } from '../errors.js';
/**
 * Runs `operation` with a timeout.
 * @throws CachemeError `E_STORAGE_TIMEOUT` after `timeoutMs`; a driver error as `E_STORAGE_UNAVAILABLE`
 *   (with the original as `cause`); a `CachemeError` from the operation unchanged.
 */
export async function withTimeout(operation, timeoutMs, name) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => {
            reject(new CachemeError('E_STORAGE_TIMEOUT', `storage operation '${name}' took longer than ${timeoutMs} ms → check that Redis is reachable, or raise 'operationTimeoutMs'.`));
        }, timeoutMs);
        timer.unref();
    });
    try {
        return await Promise.race([operation(), timeout]);
    }
    catch (error) {
        if (CachemeError.is(error))
            throw error;
        throw new CachemeError('E_STORAGE_UNAVAILABLE', `storage operation '${name}' failed: ${toError(error).message} → check the Redis connection; cacheme keeps serving uncached values meanwhile.`, { cause: error });
    }
    finally {
        clearTimeout(timer);
    }
}
//# sourceMappingURL=with-timeout.js.map