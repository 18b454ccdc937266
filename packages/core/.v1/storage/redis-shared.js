import { quote } from '../errors.js';
import { checkedSeq, checkedTtl } from './storage-checks.js';
/** How many keys or members go into one command (keeps single commands and Lua `unpack` bounded). */
const CHUNK = 500;
/** The TTL argument of the scripts: `''` for none, else whole milliseconds (validated). */
export function ttlArgument(ttlMs) {
    const ttl = checkedTtl(ttlMs);
    return ttl === undefined ? '' : String(ttl);
}
/** The snapshot argument of the scripts (validated). */
export function seqArgument(seq) {
    return String(checkedSeq(seq));
}
/**
 * The sequence from a GET reply. A missing key is 0 (nothing invalidated yet). Anything unparsable is
 * also 0, which the guard check treats conservatively (below any floor).
 */
export function parseSeq(reply) {
    if (typeof reply !== 'string')
        return 0;
    const seq = Number(reply);
    return Number.isFinite(seq) ? seq : 0;
}
/** A script's integer reply as a number; a reply of another shape is a protocol error. */
export function integerReply(reply, script) {
    if (typeof reply === 'number')
        return reply;
    throw new Error(`cacheme: script ${script} returned ${quote(reply)} instead of an integer`);
}
/** A script's reply of `count` integers. */
export function integersReply(reply, count, script) {
    if (Array.isArray(reply) && reply.length === count && reply.every((item) => typeof item === 'number')) {
        return reply;
    }
    throw new Error(`cacheme: script ${script} returned ${quote(reply)} instead of ${count} integers`);
}
/** A read reply with what was asked along (`undefined`: not asked). */
export function readResult(payload, seq, ttl) {
    const result = {
        payload: payload ?? undefined,
    };
    if (seq !== undefined)
        result.seq = parseSeq(seq);
    if (ttl !== undefined)
        result.ttlMs = ttl;
    return result;
}
/** A read reply without the sequence (HGET's `null` is a missing field). */
export function payloadOnly(payload) {
    return { payload: payload ?? undefined };
}
/** A script's or command's array-of-strings reply. */
export function stringsReply(reply, what) {
    if (Array.isArray(reply) && reply.every((item) => typeof item === 'string'))
        return reply;
    throw new Error(`cacheme: ${what} returned ${quote(reply)} instead of a list of strings`);
}
/** Splits a list into chunks of at most `size` items. */
export function chunks(items, size = CHUNK) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
/**
 * SCAN MATCH COUNT over one server until the cursor returns to 0, yielding each non-empty batch. SCAN may
 * return a key more than once (its documented guarantee); callers treat batches as a key stream.
 */
export async function* scanNode(node, options) {
    let cursor = '0';
    do {
        const [next, keys] = await node.scan(cursor, 'MATCH', options.match, 'COUNT', options.count);
        cursor = next;
        if (keys.length > 0)
            yield keys;
    } while (cursor !== '0');
}
//# sourceMappingURL=redis-shared.js.map