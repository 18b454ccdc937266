/** Names of journals and counter series: they become part of a meta key, so they are kept simple. */
import { CachemeError, quote } from '../errors.js';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/**
 * Validates a record name: 1–64 characters of letters, digits, `.`, `_` and `-`, starting with a letter
 * or digit (so a name can never contain `:` and reach into another record's keys).
 * @throws CachemeError `E_INVALID_OPTION`
 */
export function assertRecordName(name, what) {
    if (typeof name !== 'string' || !NAME.test(name)) {
        throw new CachemeError('E_INVALID_OPTION', `${what} name ${quote(name)} is not 1-64 letters, digits, '.', '_' or '-' → pass e.g. 'admin-history'.`);
    }
}
//# sourceMappingURL=record-name.js.map