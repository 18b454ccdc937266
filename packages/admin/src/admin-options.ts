/**
 * The options of `createAdmin` and their validation: every option is checked before anything starts, and
 * a wrong one is a `CachemeError` `E_INVALID_OPTION` naming the option, the value (never a secret) and the
 * fix (`option-error.ts`).
 */
import type { Cacheme, Logger } from '@cacheme/core'
import type { Authorize } from './auth.js'
import { checkInteger, optionError } from './option-error.js'
import type { StatsOptions } from './stats-collector.js'

/** Options of {@link createAdmin}. */
export interface AdminOptions {
  /** The cacheme instance to administer (its prefix, storage and serializer). */
  readonly cacheme: Cacheme
  /** Who may use the admin: `true` or a user name allows (see `bearerAuth`, `basicAuth`). Required. */
  readonly authorize: Authorize
  /** Mount path when the server passes full URLs (node:http, Fastify), e.g. `/admin`. Express: not needed. */
  readonly basePath?: string
  /** Shown in the header and the page titles. Default `cacheme admin`. */
  readonly title?: string
  /** Collect hit/miss statistics of `cacheme` in this process (default `true`; options or `false`). */
  readonly stats?: boolean | StatsOptions
  /** History records kept in the storage. Default 1000. */
  readonly historyMaxEntries?: number
  /** Key for CSRF tokens; share it between processes behind one load balancer. Default: random. */
  readonly secret?: string
  /** Trust `X-Forwarded-Proto` for marking cookies `Secure`. Default `false`. */
  readonly trustProxy?: boolean
  /** SCAN COUNT of one pattern-invalidation step (default: core's 1000). */
  readonly scanCount?: number
  /** pino-compatible logger for errors. Default: the instance's logger. */
  readonly logger?: Logger
}

/** Validates `createAdmin`'s options. @returns `basePath` without trailing slashes. */
export function checkOptions(options: AdminOptions): string | undefined {
  if (typeof options !== 'object' || options === null) {
    throw optionError('createAdmin(options)', options, 'pass { cacheme, authorize }.')
  }
  if (typeof options.authorize !== 'function') {
    throw optionError(
      'createAdmin({ authorize })',
      options.authorize,
      'pass bearerAuth(token), basicAuth(users) or your own (req) => boolean | string: it is required, there is no open default.',
    )
  }
  if (typeof options.cacheme?.invalidatePattern !== 'function') {
    throw optionError(
      'createAdmin({ cacheme })',
      options.cacheme,
      'pass a cacheme instance (createCacheme(...)).',
    )
  }
  const basePath = options.basePath?.replace(/\/+$/, '')
  if (
    options.basePath !== undefined &&
    (typeof options.basePath !== 'string' ||
      (basePath !== '' && !/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath ?? '')))
  ) {
    throw optionError(
      'createAdmin({ basePath })',
      options.basePath,
      "pass the mount path such as '/admin' (letters, digits, . _ ~ - between slashes), or omit it under Express.",
    )
  }
  if (options.title !== undefined && (typeof options.title !== 'string' || options.title.length > 200)) {
    throw optionError('createAdmin({ title })', options.title, 'pass a string of at most 200 characters.')
  }
  if (options.secret !== undefined && (typeof options.secret !== 'string' || options.secret.length < 16)) {
    throw optionError(
      'createAdmin({ secret })',
      options.secret,
      'pass at least 16 random characters (openssl rand -hex 32).',
      {
        secret: true,
      },
    )
  }
  if (
    options.stats !== undefined &&
    typeof options.stats !== 'boolean' &&
    typeof options.stats !== 'object'
  ) {
    throw optionError('createAdmin({ stats })', options.stats, 'pass true, false or { flushIntervalMs }.')
  }
  if (options.trustProxy !== undefined && typeof options.trustProxy !== 'boolean') {
    throw optionError('createAdmin({ trustProxy })', options.trustProxy, 'pass true or false.')
  }
  checkInteger('createAdmin({ historyMaxEntries })', options.historyMaxEntries, 1, 100_000)
  checkInteger('createAdmin({ scanCount })', options.scanCount, 1, 10_000)
  return basePath
}
