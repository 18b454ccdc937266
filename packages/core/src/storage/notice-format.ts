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
import type { InvalidationNotice } from './storage.js'

const VERSION = '1'

/** The message text of a notice. */
export function encodeNotice(notice: InvalidationNotice): string {
  const seq = notice.seq === undefined ? '' : String(notice.seq)
  const restarted = notice.restarted === true ? '1' : ''
  return `${VERSION}|${seq}|${restarted}|${notice.keys === undefined ? '*' : JSON.stringify(notice.keys)}`
}

/** The notice of a message text; anything malformed is "anything" (`keys: undefined`). */
export function decodeNotice(text: string): InvalidationNotice {
  const first = text.indexOf('|')
  const second = first === -1 ? -1 : text.indexOf('|', first + 1)
  const third = second === -1 ? -1 : text.indexOf('|', second + 1)
  if (third === -1 || text.slice(0, first) !== VERSION) return ANYTHING
  const seqText = text.slice(first + 1, second)
  const seqNumber = seqText === '' ? undefined : Number(seqText)
  const seq =
    seqNumber !== undefined && Number.isSafeInteger(seqNumber) && seqNumber > 0 ? seqNumber : undefined
  const restarted = text.slice(second + 1, third) === '1'
  const body = text.slice(third + 1)
  if (body === '*') return notice(seq, restarted, undefined)
  try {
    const keys: unknown = JSON.parse(body)
    if (Array.isArray(keys) && keys.every((key) => typeof key === 'string')) {
      return notice(seq, restarted, keys)
    }
  } catch {
    // fall through: unreadable keys mean anything
  }
  return notice(seq, restarted, undefined)
}

/** What an unreadable message means: anything, of an unknown sequence, which may have been restarted. */
const ANYTHING: InvalidationNotice = { seq: undefined, keys: undefined, restarted: true }

function notice(seq: number | undefined, restarted: boolean, keys: string[] | undefined): InvalidationNotice {
  return restarted ? { seq, keys, restarted } : { seq, keys }
}
