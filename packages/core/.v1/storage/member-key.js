/**
 * Parsing a set member (a full entry key) back into the hash and field of its entry, without knowing the
 * prefix. Storages receive sets, not prefixes, and need no prefix for this: a prefix cannot contain `>`
 * and a user key contains at most one, so the first `>` of a full key separates hash and field, and a key
 * without `>` lives in field `base`. Mirrors `split_member` in `scripts/member-lib.lua` — keep in sync.
 *
 * Compared with `parseFullKey` in `key.ts` this is deliberately lenient (it cannot check the prefix, the
 * reserved namespace or the `:invalid` suffix). Callers therefore tolerate members that name keys of other
 * types (they are skipped, never an error).
 */
import { BASE_FIELD } from '../key.js';
/** Hash and field of the entry a set member names, or `undefined` for a malformed member. */
export function splitMemberKey(member) {
    if (member.length === 0)
        return undefined;
    const gt = member.indexOf('>');
    if (gt === -1)
        return { hash: member, field: BASE_FIELD };
    if (gt === 0 || gt === member.length - 1 || member.indexOf('>', gt + 1) !== -1)
        return undefined;
    return { hash: member.slice(0, gt), field: member.slice(gt + 1) };
}
//# sourceMappingURL=member-key.js.map