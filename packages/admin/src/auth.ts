/**
 * Who may use the admin. There is no open default: `createAdmin` requires an `authorize(req)` function
 * and grants access only when it returns `true` or a non-empty user name (anything else — `false`,
 * `undefined`, a throw, a truthy non-boolean — is a refusal).
 *
 * Two built-in authorizers cover the common cases, both comparing secrets in constant time (SHA-256 of
 * both sides, then `timingSafeEqual`, so neither the content nor the length of a secret leaks through
 * timing):
 * - {@link bearerAuth}: `Authorization: Bearer <token>` (scripts, curl) — user name `token` or `name`;
 * - {@link basicAuth}: `Authorization: Basic` with one or more users.
 *
 * Both also offer a login form to browsers: a successful login sets an HttpOnly, SameSite=Strict session
 * cookie (`cacheme_admin_session`) holding the user name and an expiry, signed with HMAC-SHA256 under a key
 * of the authorizer (random per process unless `sessionSecret` is given, which several processes behind
 * one load balancer must share). The authorizer itself checks that cookie on every request, so
 * `authorize(req)` stays the one gate.
 *
 * Limits: a session cannot be revoked before it expires except by changing `sessionSecret` (or
 * restarting, with the random default); logging out clears the browser's cookie.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { checkInteger, optionError } from './option-error.js'
import { cookies } from './request.js'

/** Decides whether a request may use the admin: `true`, or the user's name, to allow. */
export type Authorize = (req: IncomingMessage) => boolean | string | Promise<boolean | string>

/** An authorizer that also accepts credentials from the admin's login form. */
export interface CredentialAuthorizer {
  (req: IncomingMessage): string | false
  /** What the login form asks for and how it is checked. */
  readonly login: {
    /** `token`: one secret field; `password`: a user name and a password. */
    readonly fields: 'token' | 'password'
    /** The `WWW-Authenticate` challenge for clients that are not browsers. */
    readonly challenge: string
    /** Checks submitted credentials; returns the session cookie value, or `undefined` when they are wrong. */
    check(input: {
      readonly username?: string
      readonly password?: string
      readonly token?: string
    }): string | undefined
    /** How long a session lasts, in seconds. */
    readonly maxAgeSeconds: number
  }
}

/** Options shared by the built-in authorizers. */
export interface SessionOptions {
  /** Key that signs login sessions; share it between processes behind one load balancer. Default: random. */
  readonly sessionSecret?: string
  /** How long a login lasts, in seconds. Default 8 hours. */
  readonly sessionMaxAgeSeconds?: number
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'cacheme_admin_session'

/** Constant-time equality of two secrets of any length. */
export function safeEqual(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(a), digest(b))
}

/**
 * Bearer-token access: `Authorization: Bearer <token>`, or the login form's token field.
 * @param token at least 16 characters.
 * @throws CachemeError `E_INVALID_OPTION` for a shorter token or bad session options (the token is never quoted).
 * @example createAdmin({ cacheme: cm, authorize: bearerAuth(process.env.ADMIN_TOKEN!) })
 */
export function bearerAuth(
  token: string,
  options: SessionOptions & { name?: string } = {},
): CredentialAuthorizer {
  if (typeof token !== 'string' || token.length < 16) {
    throw optionError(
      'bearerAuth(token)',
      token,
      'pass at least 16 characters: generate one with `openssl rand -hex 32`.',
      {
        secret: true,
      },
    )
  }
  const name = options.name ?? 'token'
  if (typeof name !== 'string' || name.length === 0 || name.length > 100) {
    throw optionError(
      'bearerAuth(token, { name })',
      name,
      'pass a non-empty user name of at most 100 characters.',
    )
  }
  const sessions = new Sessions(options)
  const authorize = (req: IncomingMessage): string | false => {
    const header = req.headers.authorization ?? ''
    const match = /^Bearer\s+(.+)$/i.exec(header)
    if (match?.[1] !== undefined) return safeEqual(match[1].trim(), token) ? name : false
    return sessions.verify(req)
  }
  return Object.assign(authorize, {
    login: {
      fields: 'token' as const,
      challenge: 'Bearer realm="cacheme-admin"',
      maxAgeSeconds: sessions.maxAgeSeconds,
      check: (input: { token?: string }) =>
        typeof input.token === 'string' && safeEqual(input.token, token) ? sessions.issue(name) : undefined,
    },
  })
}

/**
 * HTTP Basic access for one or more users (`{ username, password }` or `{ alice: 'secret', ... }`), or the
 * login form's user name and password.
 * @throws CachemeError `E_INVALID_OPTION` for no users, an empty name or one with `:`, a password under 8
 * characters, or bad session options.
 * @example createAdmin({ cacheme: cm, authorize: basicAuth({ username: 'ops', password: process.env.ADMIN_PASSWORD! }) })
 */
export function basicAuth(
  users: { readonly username: string; readonly password: string } | Readonly<Record<string, string>>,
  options: SessionOptions = {},
): CredentialAuthorizer {
  if (typeof users !== 'object' || users === null) {
    throw optionError('basicAuth(users)', users, "pass { username, password } or { alice: 'password', ... }.")
  }
  const table = new Map<string, string>(
    typeof users.username === 'string' && typeof users.password === 'string'
      ? [[users.username, users.password]]
      : Object.entries(users as Record<string, string>),
  )
  if (table.size === 0) {
    throw optionError('basicAuth(users)', users, "pass { username, password } or { alice: 'password', ... }.")
  }
  for (const [user, pass] of table) {
    if (user.length === 0 || user.includes(':')) {
      throw optionError('basicAuth: the user name', user, "use a non-empty name without ':'.")
    }
    if (typeof pass !== 'string' || pass.length < 8) {
      throw optionError(
        `basicAuth: the password of ${JSON.stringify(user)}`,
        pass,
        'use at least 8 characters.',
        {
          secret: true,
        },
      )
    }
  }
  const sessions = new Sessions(options)
  const check = (username: string, password: string): string | false => {
    // Compare against every user so the time does not depend on which name matched.
    let found: string | false = false
    for (const [user, pass] of table) {
      // Both comparisons always run: `&&` would skip the password's for every wrong name.
      const nameMatches = safeEqual(username, user)
      const passwordMatches = safeEqual(password, pass)
      if (nameMatches && passwordMatches) found = user
    }
    return found
  }
  const authorize = (req: IncomingMessage): string | false => {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '')
    if (match?.[1] !== undefined) {
      const decoded = Buffer.from(match[1], 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      return colon === -1 ? false : check(decoded.slice(0, colon), decoded.slice(colon + 1))
    }
    return sessions.verify(req)
  }
  return Object.assign(authorize, {
    login: {
      fields: 'password' as const,
      challenge: 'Basic realm="cacheme-admin", charset="UTF-8"',
      maxAgeSeconds: sessions.maxAgeSeconds,
      check: (input: { username?: string; password?: string }) => {
        const user = check(input.username ?? '', input.password ?? '')
        return user === false ? undefined : sessions.issue(user)
      },
    },
  })
}

/** True for the built-in authorizers (they can back the login form). */
export function isCredentialAuthorizer(authorize: Authorize): authorize is Authorize & CredentialAuthorizer {
  const login = (authorize as Partial<CredentialAuthorizer>).login
  return typeof login === 'object' && login !== null && typeof login.check === 'function'
}

/** Signed session values: `v1.<user, base64url>.<expires, s>.<hmac>`. */
class Sessions {
  readonly maxAgeSeconds: number
  readonly #key: Buffer

  constructor(options: SessionOptions) {
    this.maxAgeSeconds = options.sessionMaxAgeSeconds ?? 8 * 3600
    checkInteger('sessionMaxAgeSeconds', this.maxAgeSeconds, 60, 366 * 24 * 3600)
    if (
      options.sessionSecret !== undefined &&
      (typeof options.sessionSecret !== 'string' || options.sessionSecret.length < 16)
    ) {
      throw optionError('sessionSecret', options.sessionSecret, 'pass at least 16 random characters.', {
        secret: true,
      })
    }
    this.#key =
      options.sessionSecret === undefined ? randomBytes(32) : Buffer.from(options.sessionSecret, 'utf8')
  }

  issue(user: string): string {
    const body = `v1.${Buffer.from(user, 'utf8').toString('base64url')}.${Math.floor(Date.now() / 1000) + this.maxAgeSeconds}`
    return `${body}.${this.#sign(body)}`
  }

  verify(req: IncomingMessage): string | false {
    const value = cookies(req).get(SESSION_COOKIE)
    const parts = value?.split('.') ?? []
    if (parts.length !== 4 || parts[0] !== 'v1') return false
    const body = parts.slice(0, 3).join('.')
    if (!safeEqual(parts[3] ?? '', this.#sign(body))) return false
    if (Number(parts[2]) * 1000 < Date.now()) return false
    const user = Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')
    return user.length > 0 ? user : false
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url')
  }
}
