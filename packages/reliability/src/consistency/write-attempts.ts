/**
 * How a driver's write ends, shared by every ORM driver of the harness: a `rollback` write throws
 * `IntendedRollback` inside its transaction (the ORM rolls back, the write counts as done), and on SQLite
 * an attempt that meets `SQLITE_BUSY` is retried with short back-offs — SQLite allows one writer at a time
 * across processes, and a busy attempt was rolled back whole, so retrying it is what an application on
 * multi-process SQLite does. Only the attempt that commits is published by the worker.
 */
import type { DatabaseTarget } from './orm-driver.js'

/** Thrown inside a `rollback` write's transaction to make the ORM roll it back. */
export class IntendedRollback extends Error {}

/** What SQLite's drivers say when another process holds the write lock. */
export const SQLITE_BUSY = /SQLITE_BUSY|database is locked/

const RETRIES = 20

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Runs `attempt` until it succeeds; on SQLite a `SQLITE_BUSY` failure is retried (up to 20 times,
 * `onRetry` called each time). Resolves also when the attempt threw `IntendedRollback`. Every other error,
 * and every error on PostgreSQL, is thrown.
 */
export async function performWrite(
  target: DatabaseTarget,
  attempt: () => Promise<void>,
  onRetry: () => void,
): Promise<void> {
  for (let tries = 0; ; tries += 1) {
    try {
      await attempt()
      return
    } catch (error) {
      if (error instanceof IntendedRollback) return
      if (target.kind !== 'sqlite' || !SQLITE_BUSY.test(String(error)) || tries >= RETRIES) throw error
      onRetry()
      await sleep(1 + tries * 2)
    }
  }
}
