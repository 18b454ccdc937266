/**
 * Runs one of the package's scripts (`scripts/*.ts`) in a child process through tsx and returns its
 * parsed `RESULT` line. The tests use it so that each harness runs in a clean process of its own: its
 * unhandled rejections, memory and CPU are its own, and no test runner handler hides anything.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseResult } from './output.js'

const packageRoot = fileURLToPath(new URL('../../', import.meta.url))

export interface ScriptRun<T> {
  readonly result: T
  readonly stdout: string
}

/** `tsx scripts/<script>.ts ...args`, bounded by `timeoutMs`. Rejects with the output when it fails. */
export function runScript<T>(
  script: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<ScriptRun<T>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', `scripts/${script}.ts`, ...args],
      { cwd: packageRoot, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: process.env },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${script} ${args.join(' ')} failed: ${error.message}\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`,
            ),
          )
          return
        }
        try {
          resolve({ result: parseResult<T>(stdout), stdout })
        } catch (parseError) {
          reject(parseError)
        }
      },
    )
  })
}
