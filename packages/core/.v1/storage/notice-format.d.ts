/**
 * The wire format of invalidation notices (pub/sub messages), the one definition; `notice-lib.lua`
 * writes the same format inside Redis.
 *
 * ```
 * 1|<seq>|<r>|<JSON array of full keys>   e.g. 1|1733230000000123||["CM:Book:1","CM:Book:2>owner"]
 * 1|<seq>|<r>|*                           anything under the prefix (model, pattern, or too many keys)
 * ```
 *
 * `<seq>` is empty when the invalidation logged no guards; `<r>` is `1` when the sequence was restarted
 * first (the prefix's first invalidation, or lost meta keys), else empty. A message that does not parse
 * decodes as "anything" — a receiver that cannot tell what was invalidated must drop everything.
 */
import type { InvalidationNotice } from './storage.js';
/** The message text of a notice. */
export declare function encodeNotice(notice: InvalidationNotice): string;
/** The notice of a message text; anything malformed is "anything" (`keys: undefined`). */
export declare function decodeNotice(text: string): InvalidationNotice;
//# sourceMappingURL=notice-format.d.ts.map