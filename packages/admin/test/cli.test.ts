/** The cacheme-admin bin: --help, refusing to start without credentials, serving a real Redis. */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { Session } from './support/http.js'
import { connect, instance, MemoryStorage, randomPrefix, seedBooks } from './support/services.js'

const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const run = promisify(execFile)
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM')
})

async function exitOf(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 20_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('cacheme-admin', () => {
  it('--help prints every option and exits 0', async () => {
    const { code, stdout } = await exitOf(['--help'])
    expect(code).toBe(0)
    for (const flag of ['--redis-url', '--cluster', '--prefix', '--port', '--token', '--user', '--password'])
      expect(stdout).toContain(flag)
  })

  it('refuses to start without credentials, or with bad options, with exit code 2 and what to fix', async () => {
    expect(await exitOf([])).toMatchObject({ code: 2, stderr: expect.stringContaining('no credentials') })
    expect(await exitOf(['--token', 'short'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('16 characters'),
    })
    expect(await exitOf(['--bogus'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--help') })
    expect(await exitOf(['--port', 'x'], { CACHEME_ADMIN_TOKEN: 'x'.repeat(20) })).toMatchObject({ code: 2 })
    expect(
      await exitOf(['--cluster', '10.0.0.5:7000,10.0.0.6'], { CACHEME_ADMIN_TOKEN: 'x'.repeat(20) }),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--cluster node "10.0.0.6" is not host:port'),
    })
  })

  it('serves the admin of a Redis prefix with credentials from the environment', async () => {
    const client = connect('redis')!
    const prefix = randomPrefix()
    const cm = instance(client, new MemoryStorage(), prefix)
    await seedBooks(cm, 3)
    const child = spawn(process.execPath, [bin, '--port', '0', '--prefix', prefix], {
      env: {
        PATH: process.env.PATH ?? '',
        REDIS_URL: process.env.CACHEME_REDIS_URL ?? '',
        CACHEME_ADMIN_USER: 'ops',
        CACHEME_ADMIN_PASSWORD: 'cli-password',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    const origin = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        const match = /on (http:\/\/[^/\s]+)/.exec(chunk.toString())
        if (match?.[1]) resolve(match[1])
      })
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)))
    })
    const auth = `Basic ${Buffer.from('ops:cli-password').toString('base64')}`
    const page = await new Session(origin, { authorization: auth }).get('/tags')
    expect(page.status).toBe(200)
    expect(page.text).toMatch(
      /BookSerializer\.owner<\/a> <span class="pill"[^>]*>storage only<\/span><\/td>\s*<td class="num">3<\/td>/,
    )
    expect((await new Session(origin).get('/tags')).status).toBe(401)
    await cm.invalidatePattern('*')
    await client.quit()
  })
})
