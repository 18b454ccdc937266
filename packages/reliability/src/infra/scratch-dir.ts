/**
 * Temporary directories for the servers and databases a harness starts, removed when the process exits
 * (normally or through SIGINT/SIGTERM, see `cleanup.ts`). Names start with `cacheme-reliability.` so a
 * leftover of a crashed run is easy to recognise.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onExit } from './cleanup.js'

/** Creates a fresh temp dir that is deleted at exit. */
export function scratchDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cacheme-reliability.${label}.`))
  onExit(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
