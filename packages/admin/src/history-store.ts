/**
 * The admin's history: one record per mutation (who, when, what, how many entries or keys were removed,
 * the outcome and how long it took), kept in the storage in core's journal `admin-history`
 * (`P#cm:journal:admin-history`, a bounded LIST under cacheme's meta namespace). So it is shared by every
 * process serving the admin, survives restarts, and survives a `*` pattern invalidation (meta keys never
 * match a pattern). Bounded: the newest `maxEntries` records are kept (default 1000).
 *
 * Records are JSON; a record that does not parse (written by something else) is skipped when listing.
 * Recording never fails a mutation: if the storage refuses the record, the mutation has already happened,
 * so the failure is logged and reported to the page instead.
 */
import { randomUUID } from 'node:crypto'
import type { Cacheme, Journal, Logger } from '@cacheme/core'

/** The journal name of the history (documented in core's key layout). */
export const HISTORY_JOURNAL = 'admin-history'

/** What an operator did. */
export type HistoryAction = 'pattern' | 'tag' | 'invalid-key'

/** One mutation, as recorded. */
export interface HistoryRecord {
  readonly id: string
  /** When it started (ms since the epoch). */
  readonly at: number
  readonly user: string
  readonly action: HistoryAction
  /** The pattern, tag or invalid key. */
  readonly target: string
  /** Keys deleted (pattern) or entries removed (tag, invalid key). */
  readonly removed: number
  readonly outcome: 'done' | 'cancelled' | 'failed'
  readonly durationMs: number
  /** Keys the dry run matched (pattern invalidations). */
  readonly expected?: number
  /** The error message of a failed mutation. */
  readonly error?: string
}

/** Reads and appends history records. */
export class HistoryStore {
  readonly #journal: Journal
  readonly #logger: Logger

  constructor(cm: Cacheme, options: { maxEntries?: number; logger: Logger }) {
    this.#journal = cm.journal(HISTORY_JOURNAL, { maxEntries: options.maxEntries ?? 1000 })
    this.#logger = options.logger
  }

  /** Appends a record. @returns it, and whether it was stored (false: logged, not thrown). */
  async record(entry: Omit<HistoryRecord, 'id'>): Promise<{ record: HistoryRecord; stored: boolean }> {
    const record: HistoryRecord = { id: randomUUID(), ...entry }
    try {
      await this.#journal.append(JSON.stringify(record))
      return { record, stored: true }
    } catch (error) {
      this.#logger.error({ err: error, record }, 'cacheme-admin: the history record could not be stored')
      return { record, stored: false }
    }
  }

  /** Records newest first, `offset` .. `offset + limit - 1`. @throws on storage trouble */
  async list(offset: number, limit: number): Promise<HistoryRecord[]> {
    const out: HistoryRecord[] = []
    for (const text of await this.#journal.list({ offset, limit })) {
      const record = parse(text)
      if (record !== undefined) out.push(record)
    }
    return out
  }
}

function parse(text: string): HistoryRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<HistoryRecord>
    const ok =
      typeof value.id === 'string' &&
      typeof value.at === 'number' &&
      typeof value.user === 'string' &&
      (value.action === 'pattern' || value.action === 'tag' || value.action === 'invalid-key') &&
      typeof value.target === 'string' &&
      typeof value.removed === 'number' &&
      (value.outcome === 'done' || value.outcome === 'cancelled' || value.outcome === 'failed') &&
      typeof value.durationMs === 'number'
    return ok ? (value as HistoryRecord) : undefined
  } catch {
    return undefined
  }
}
