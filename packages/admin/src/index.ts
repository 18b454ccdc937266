/**
 * `@cacheme/admin` — the invalidation admin of cacheme as a server-rendered web page: tags with live
 * counts, a tag's keys and a prefix browse, a key inspector, invalid-key lookup, pattern invalidation
 * with a dry run, progress and cancel, a history kept in Redis, and hit/miss statistics per tag.
 * Mount `createAdmin(...)` in node:http, Express or Fastify, or run the `cacheme-admin` bin.
 */

export type { AdminOptions } from './admin-options.js'
export {
  type Authorize,
  basicAuth,
  bearerAuth,
  type CredentialAuthorizer,
  type SessionOptions,
  safeEqual,
} from './auth.js'
export { type AdminHandler, createAdmin } from './create-admin.js'
export { HISTORY_JOURNAL, type HistoryAction, type HistoryRecord } from './history-store.js'
export { CONTENT_SECURITY_POLICY } from './response.js'
export {
  collectStats,
  readStats,
  STATS_SERIES,
  type StatsBin,
  type StatsCollector,
  type StatsOptions,
} from './stats-collector.js'
