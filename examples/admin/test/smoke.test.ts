/** Smoke test: the example starts, serves the shop and the admin with its seeded cache, on memory and on Redis. */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url))
let child: ChildProcess | undefined
afterEach(() => {
  child?.kill('SIGTERM')
  child = undefined
})

async function start(
  env: Record<string, string>,
): Promise<{ admin: string; shop: string; token: string; output: string }> {
  child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    child?.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const admin = /admin: +(\S+) +\(token: ([^)]+)\)/.exec(output)
      const shop = /bookshop: (\S+)/.exec(output)
      if (admin?.[1] && admin[2] && shop?.[1] && output.includes('storage:'))
        resolve({ admin: admin[1], token: admin[2], shop: shop[1], output })
    })
    child?.once('exit', (code) => reject(new Error(`the example exited with ${code}: ${output}`)))
  })
}

describe('admin example', () => {
  it.each([
    ['memory', {} as Record<string, string>],
    ['redis', { REDIS_URL: process.env.CACHEME_REDIS_URL ?? 'missing CACHEME_REDIS_URL' }],
  ])('serves the bookshop and the admin over its seeded cache on %s', async (name, env) => {
    const { admin, shop, token, output } = await start({
      ...env,
      ADMIN_TOKEN: `smoke-token-${name}-0123456789`,
    })
    expect(output).toContain(`storage:  ${name}`)
    expect(await (await fetch(shop)).json()).toEqual({ title: 'Book 1', owner: { name: 'Ada Lovelace' } })
    const tags = await fetch(`${admin}/tags`, { headers: { authorization: `Bearer ${token}` } })
    expect(tags.status).toBe(200)
    const text = await tags.text()
    expect(text).toMatch(/BookSerializer\.owner<\/a><\/td>\s*<td class="num">60<\/td>/)
    expect((await fetch(`${admin}/tags`)).status).toBe(401)
  })
})
