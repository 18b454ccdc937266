/**
 * The logger an instance uses when its configuration gives none.
 *
 * cacheme fails open: a value that cannot be stored, an unreachable Redis, an undecodable payload are
 * returned or recomputed, never thrown. With a logger that discards everything (the default of earlier
 * versions), such a failure was silent — the cache simply never hit, and nothing said why. So the
 * default logger says each kind of problem **once** per instance, as a Node.js process warning
 * (`process.emitWarning`, type `CachemeWarning`): printed on stderr by default, visible to
 * `process.on('warning')`, silenced with `--no-warnings` — without flooding a log with one line per call:
 *
 * - `error` entries: once per error code (`E_SERIALIZATION`, `E_STORAGE_UNAVAILABLE`, ...), saying how to
 *   hear the rest; and not at all while the instance has an `error` listener (see `Events.report`);
 * - `warn` entries: once per message (cacheme's warnings are already once per tag or name);
 * - `debug` / `info`: discarded.
 *
 * Pass any pino-compatible `logger` to get every entry, or `silentLogger` for none. This module is the
 * one place where cacheme writes outside its logger and events: it *is* the logger.
 */
import { DEFAULT_LOGGER, type Logger } from './events.js'

/** The type of the process warnings the default logger emits. */
export const WARNING_TYPE = 'CachemeWarning'

/** A new default logger (one per instance: each instance says each problem once). */
export function createDefaultLogger(): Logger {
  const said = new Set<string>()
  const once = (id: string, message: string, code: string | undefined): void => {
    if (said.has(id)) return
    said.add(id)
    process.emitWarning(message, code === undefined ? { type: WARNING_TYPE } : { type: WARNING_TYPE, code })
  }
  const noop = (): void => {}
  return {
    [DEFAULT_LOGGER]: true,
    debug: noop,
    info: noop,
    warn(obj, msg = 'cacheme warning') {
      once(`warn\u0000${msg}`, msg, codeOf(obj))
    },
    error(obj, msg = 'cacheme error') {
      const code = codeOf(obj) ?? 'E_UNKNOWN'
      once(
        `error\u0000${code}`,
        `${msg} (further ${code} errors are not printed: listen with cm.on('error', ...) or pass a logger to createCacheme({ logger }))`,
        code,
      )
    },
  } as Logger
}

/** The code of a log entry: its error's `code` (CachemeError), else its own `code` field. */
function codeOf(obj: object): string | undefined {
  const entry = obj as { err?: { code?: unknown }; code?: unknown }
  const code = entry.err?.code ?? entry.code
  return typeof code === 'string' ? code : undefined
}
