const VERSION = '1';
/** The message text of a notice. */
export function encodeNotice(notice) {
    const seq = notice.seq === undefined ? '' : String(notice.seq);
    const restarted = notice.restarted === true ? '1' : '';
    return `${VERSION}|${seq}|${restarted}|${notice.keys === undefined ? '*' : JSON.stringify(notice.keys)}`;
}
/** The notice of a message text; anything malformed is "anything" (`keys: undefined`). */
export function decodeNotice(text) {
    const first = text.indexOf('|');
    const second = first === -1 ? -1 : text.indexOf('|', first + 1);
    const third = second === -1 ? -1 : text.indexOf('|', second + 1);
    if (third === -1 || text.slice(0, first) !== VERSION)
        return ANYTHING;
    const seqText = text.slice(first + 1, second);
    const seqNumber = seqText === '' ? undefined : Number(seqText);
    const seq = seqNumber !== undefined && Number.isSafeInteger(seqNumber) && seqNumber > 0 ? seqNumber : undefined;
    const restarted = text.slice(second + 1, third) === '1';
    const body = text.slice(third + 1);
    if (body === '*')
        return notice(seq, restarted, undefined);
    try {
        const keys = JSON.parse(body);
        if (Array.isArray(keys) && keys.every((key) => typeof key === 'string')) {
            return notice(seq, restarted, keys);
        }
    }
    catch {
        // fall through: unreadable keys mean anything
    }
    return notice(seq, restarted, undefined);
}
/** What an unreadable message means: anything, of an unknown sequence, which may have been restarted. */
const ANYTHING = { seq: undefined, keys: undefined, restarted: true };
function notice(seq, restarted, keys) {
    return restarted ? { seq, keys, restarted } : { seq, keys };
}
//# sourceMappingURL=notice-format.js.map