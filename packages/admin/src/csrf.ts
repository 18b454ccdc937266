/**
 * CSRF protection: every mutation is a POST whose form carries a token, and GET never mutates.
 *
 * The token binds a per-browser random value to the user: the admin sets a random `cacheme_admin_csrf`
 * cookie (HttpOnly, SameSite=Strict) and embeds `HMAC-SHA256(key, cookie + user)` in every form; a POST is
 * accepted only when its `_csrf` field equals that HMAC for the request's own cookie and user (compared
 * in constant time). A cross-site page can make a browser send the cookie (it cannot, with
 * SameSite=Strict, in current browsers) but can neither read it nor compute the HMAC. As defence in
 * depth, POSTs that are not same-origin by `Sec-Fetch-Site` (or, without it, by `Origin`) are refused
 * before the token is even looked at.
 *
 * The key is random per process unless `createAdmin({ secret })` is given (needed when several processes
 * serve one admin behind a load balancer).
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { safeEqual } from './auth.js'
import { cookies } from './request.js'

/** Name of the CSRF cookie. */
export const CSRF_COOKIE = 'cacheme_admin_csrf'

/** Issues and checks CSRF tokens. */
export class Csrf {
  readonly #key: Buffer

  constructor(secret: string | undefined) {
    this.#key = secret === undefined ? randomBytes(32) : createHmac('sha256', secret).update('csrf').digest()
  }

  /**
   * The request's CSRF cookie value, and whether it must be set (a new one is made when missing or
   * malformed).
   */
  cookieOf(req: IncomingMessage): { value: string; fresh: boolean } {
    const value = cookies(req).get(CSRF_COOKIE)
    if (value !== undefined && /^[A-Za-z0-9_-]{22,64}$/.test(value)) return { value, fresh: false }
    return { value: randomBytes(24).toString('base64url'), fresh: true }
  }

  /** The token for forms of `user` in the browser holding `cookie`. */
  token(cookie: string, user: string): string {
    return createHmac('sha256', this.#key).update(`${cookie}\n${user}`).digest('base64url')
  }

  /** Whether a POST's token is valid for its cookie and user. A fresh cookie (none was sent) never is. */
  verify(cookie: { value: string; fresh: boolean }, user: string, submitted: string | null): boolean {
    if (cookie.fresh || submitted === null) return false
    return safeEqual(submitted, this.token(cookie.value, user))
  }
}

/**
 * True when a POST does not come from the admin's own pages. Browsers that send `Sec-Fetch-Site` are
 * trusted on it (only `same-origin`, or `none` for a user-typed request, pass; note that under
 * `Referrer-Policy: no-referrer` Chromium sends `Origin: null` even for same-origin forms). Other clients
 * are judged by `Origin`: absent (curl, scripts) passes, another host or `null` does not.
 */
export function isCrossSite(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site']
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none'
  const origin = req.headers.origin
  if (origin === undefined) return false
  if (origin === 'null') return true
  try {
    return new URL(origin).host !== req.headers.host
  } catch {
    return true
  }
}
