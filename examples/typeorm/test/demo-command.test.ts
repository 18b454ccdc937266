/**
 * The root README's first command, `npm run demo`, runs this example end to end on a clone's embedded
 * defaults (SQLite + MemoryStorage) and prints nothing but the demo; `--serve` keeps the API up.
 */
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url))

describe('npm run demo', () => {
  it('runs the TypeORM HTTP app end to end, prints each step with its timing, then exits 0', () => {
    const env = { ...process.env }
    delete env.REDIS_URL
    delete env.DATABASE_URL
    const out = execFileSync('npm', ['run', '--silent', 'demo'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    })
    const lines = out.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      /^cacheme \+ TypeORM on SQLite file .*, memory storage: http:\/\/127\.0\.0\.1:\d+$/,
    )
    expect(out.match(/^ {3}→ \d+\.\d ms, computed: .+$/gm)).toHaveLength(8)
    expect(out).toMatch(
      /1\. GET the book \(miss[^\n]*\n(.*\n)*? {3}→ \d+\.\d ms, computed: owner, readers, title/,
    )
    expect(out).toMatch(/2\. GET it again \(hit\)\n(.*\n)*? {3}→ \d+\.\d ms, computed: nothing/)
    // Only the demo's own lines: step titles, indented log/result lines and blank separators.
    const foreign = lines.slice(1).filter((line) => line !== '' && !/^(\d\. | {2})/.test(line))
    expect(foreign).toEqual([])
    expect(out).not.toMatch(/telemetry|turbo|update available|dotenv/i)
  }, 180_000)

  it('with --serve stays up, prints the URL, answers over HTTP and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [main, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8')
      child.stdout.on('data', (chunk: string) => {
        out += chunk
        const match = /try: curl (http:\/\/127\.0\.0\.1:\d+)\/books\/1/.exec(out)
        if (match?.[1]) resolve(match[1])
      })
      child.once('exit', (code) => reject(new Error(`exited ${code} before serving:\n${out}`)))
    })
    const res = await fetch(`${url}/books/1`)
    expect(await res.json()).toEqual({ id: 1, title: 'Notes', owner: { id: 1, name: 'Ada' }, readers: [] })
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
  })
})
