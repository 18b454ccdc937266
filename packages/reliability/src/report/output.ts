/**
 * How the harness scripts report: plain text tables for people, and one `RESULT <json>` line for
 * programs (the vitest tests spawn the scripts and parse that line). Writes to stdout directly: these are
 * command-line tools, not library code.
 */

/** Writes a line to stdout. */
export function print(line = ''): void {
  process.stdout.write(`${line}\n`)
}

/** The machine-readable result line (`RESULT {...}`), always the last line a script prints. */
export function printResult(result: unknown): void {
  print(`RESULT ${JSON.stringify(result)}`)
}

/** Parses the `RESULT` line out of a script's stdout. @throws when there is none. */
export function parseResult<T>(stdout: string): T {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('RESULT '))
  if (line === undefined) throw new Error(`no RESULT line in output:\n${stdout.slice(-2000)}`)
  return JSON.parse(line.slice('RESULT '.length)) as T
}

/** A fixed-width text table (first row = header). */
export function table(rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((row) => row.map(String))
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)))
  const line = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  )
}
