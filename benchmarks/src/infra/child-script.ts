/**
 * Starts one of this folder's `*-main.ts` scripts as a child Node process (through the same TypeScript
 * loader this process runs under), optionally pinned to a CPU, and waits for its first stdout line.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type Pinning, pinnedCommand } from './cpu-pinning.js'

export interface ChildScript {
  readonly child: ChildProcess
  /** The first line the child printed (e.g. `ready`, or a port). */
  readonly firstLine: string
  /** Resolves with every line printed after the first, once the child exits. */
  readonly rest: Promise<string[]>
}

export async function startChildScript(
  name: string,
  args: readonly string[],
  pinning: Pinning,
  cpu: number | undefined,
): Promise<ChildScript> {
  const script = fileURLToPath(new URL(`./${name}`, import.meta.url))
  const [command, ...rest] = pinnedCommand(pinning, cpu, [
    process.execPath,
    ...process.execArgv,
    script,
    ...args,
  ])
  const child = spawn(command!, rest, { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines: string[] = []
  let buffered = ''
  let first: ((line: string) => void) | undefined
  const firstLine = new Promise<string>((resolve, reject) => {
    first = resolve
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before printing anything`)))
  })
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8')
    let newline = buffered.indexOf('\n')
    while (newline !== -1) {
      lines.push(buffered.slice(0, newline))
      buffered = buffered.slice(newline + 1)
      if (lines.length === 1) first?.(lines[0]!)
      newline = buffered.indexOf('\n')
    }
  })
  const exited = new Promise<string[]>((resolve) => child.once('exit', () => resolve(lines.slice(1))))
  return { child, firstLine: await firstLine, rest: exited }
}
