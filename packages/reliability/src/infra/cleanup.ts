/**
 * Last-resort cleanup of what a harness started: child servers are SIGKILLed and temp dirs removed when
 * the process exits, even after an uncaught error or a SIGINT/SIGTERM (turned into a normal exit, so the
 * `exit` handlers run). Orderly code stops its servers itself; this only guarantees that a failing or
 * interrupted run leaves no redis-server behind.
 *
 * Known limit: a harness process killed with SIGKILL runs no handler; its servers then keep running until
 * killed by pid (their pidfiles are in the `cacheme-reliability.*` temp dirs).
 */
const handlers = new Set<() => void>()
let installed = false

function runAll(): void {
  for (const handler of [...handlers].reverse()) {
    try {
      handler()
    } catch {
      // Best effort: one failing cleanup must not keep the others from running.
    }
  }
  handlers.clear()
}

/** Registers a synchronous cleanup; returns a function that unregisters it (call after an orderly stop). */
export function onExit(handler: () => void): () => void {
  if (!installed) {
    installed = true
    process.once('exit', runAll)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143))
    }
  }
  handlers.add(handler)
  return () => handlers.delete(handler)
}
