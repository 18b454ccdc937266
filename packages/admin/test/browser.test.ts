/**
 * The admin in a real headless Chromium (Debian's /usr/bin/chromium through playwright-core): sign in,
 * browse tags and a key, an XSS key rendered inert, a dry run, confirm, the progress bar while the run
 * goes on and the counts after it, cancelling a run, the history row, the stats chart. A screenshot of
 * each page is saved to `test-artifacts/` (gitignored) and checked not blank; with
 * `CACHEME_UPDATE_SCREENSHOTS=1` they are also written to `docs/screenshots/` for the README.
 *
 * Bounded: one browser, one test file, every wait has a timeout. The storage is a MemoryStorage whose
 * deletions are slowed down (a delay in front of the real storage), so that a run lasts long enough to
 * watch its progress page refresh and to cancel one.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Cacheme, createCacheme, MemoryStorage } from '@cacheme/core'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AdminHandler,
  bearerAuth,
  collectStats,
  createAdmin,
  type StatsCollector,
} from '../src/index.js'
import { pngStats } from './support/png.js'
import { seedBooks } from './support/services.js'

const TOKEN = 'browser-token-0123456789abcdef'
const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url))
const docs = fileURLToPath(new URL('../docs/screenshots/', import.meta.url))
const XSS_KEY = 'Evil:<script>window.__xss=1</script'

/** A real MemoryStorage whose deletions take `delayMs` each (so a pattern run can be watched). */
function slowed(storage: MemoryStorage, delayMs: number): MemoryStorage {
  return new Proxy(storage, {
    get(target, property) {
      const value = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      if (property !== 'deleteKeys' && property !== 'drainSet') return value.bind(target)
      return async (...args: unknown[]) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs))
        return Reflect.apply(value, target, args)
      }
    },
  })
}

let server: Server
let admin: AdminHandler
let cm: Cacheme
let stats: StatsCollector
let context: BrowserContext
let profile: string
let page: Page
let origin: string

beforeAll(async () => {
  cm = createCacheme({ storage: slowed(new MemoryStorage(), 120), prefix: 'shop:' })
  await seedBooks(cm, 40)
  const slow = cm.wrap(async (i: number) => ({ i }), { key: (c) => `Slow:${c.args[0]}`, tag: 'slow' })
  for (let i = 0; i < 300; i++) await slow(i)
  await cm.wrap(async () => '<img src=x onerror="window.__xss=2">', {
    key: () => XSS_KEY,
    tag: 'evil<script>window.__xss=3</script>',
  })()
  stats = collectStats(cm, { flushIntervalMs: 60_000 })
  await seedBooks(cm, 40) // hits
  await seedBooks(cm, 50) // 10 more misses each
  await stats.flush()
  admin = createAdmin({
    cacheme: cm,
    authorize: bearerAuth(TOKEN, { name: 'ops' }),
    basePath: '/admin',
    scanCount: 10,
    stats: false,
    title: 'Shop cache',
  })
  server = createServer((req, res) => admin(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  profile = mkdtempSync(join(tmpdir(), 'cacheme-admin-chromium-'))
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1200, height: 800 },
    timeout: 60_000,
  })
  page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(20_000)
  page.on('dialog', (dialog) => {
    throw new Error(`a script ran and opened a dialog: ${dialog.message()}`)
  })
  mkdirSync(artifacts, { recursive: true })
}, 120_000)

afterAll(async () => {
  await context?.close()
  if (profile) rmSync(profile, { recursive: true, force: true })
  server?.closeAllConnections()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await admin?.close()
  await stats?.stop()
})

/** Saves a full-page screenshot and checks it is not blank (decoded, more than a handful of colours). */
async function shot(name: string): Promise<void> {
  const path = join(artifacts, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  const { width, height, colours } = pngStats(readFileSync(path))
  expect(width).toBeGreaterThan(600)
  expect(height).toBeGreaterThan(300)
  expect(colours, `${name}.png looks blank`).toBeGreaterThan(20)
  if (process.env.CACHEME_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(docs, { recursive: true })
    copyFileSync(path, join(docs, `${name}.png`))
  }
}

describe('the admin in headless Chromium', { timeout: 90_000 }, () => {
  it('signs in with the login form and browses tags, a tag and a key', async () => {
    await page.goto(`${origin}/admin/tags`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Sign in')
    await shot('login')
    await page.fill('#token', TOKEN)
    await page.click('button[type=submit]')
    await page.waitForURL(`${origin}/admin/tags`)
    expect(await page.locator('td.num').first().textContent()).toBe('50')
    await shot('tags')
    await page.click('a[href="/admin/keys?tag=BookSerializer.owner"]')
    await page.waitForSelector('table')
    await shot('keys')
    await page.click('a.key >> text=Book:7>owner')
    await page.waitForSelector('pre')
    expect(await page.locator('pre').textContent()).toContain("name: 'Owner of 7'")
    expect(await page.locator('dl.grid').textContent()).toContain('User:2')
    await shot('key')
    await page.goto(`${origin}/admin/invalid?key=User:2`)
    await shot('invalid-key')
  })

  it('renders a key and a tag holding <script> as text: no script runs', async () => {
    await page.goto(`${origin}/admin/key?key=${encodeURIComponent(XSS_KEY)}`)
    expect(await page.locator('h1').textContent()).toBe(`Key ${XSS_KEY}`)
    await page.goto(`${origin}/admin/tags`)
    expect(await page.locator('body').textContent()).toContain('evil<script>window.__xss=3</script>')
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined')
    expect(await page.locator('script').count()).toBe(0)
  })

  it('runs a dry run, confirms it, shows the progress bar, then the new counts and the history row', async () => {
    await page.goto(`${origin}/admin/pattern`)
    await page.fill('#pattern', 'Slow:*')
    await page.click('button:text("Dry run")')
    await page.waitForSelector('text=Dry run finished', { timeout: 30_000 })
    expect(await page.locator('#matched').textContent()).toBe('300')
    await shot('dry-run')
    await page.click('button:text("Delete 300 keys")')
    await page.waitForSelector('progress')
    const value = Number(await page.locator('progress').getAttribute('value'))
    expect(value).toBeLessThan(300) // still running: the page refreshes itself
    expect(await page.locator('meta[http-equiv=refresh]').count()).toBe(1)
    await shot('progress')
    await page.waitForSelector('text=Done: 300 keys deleted.', { timeout: 60_000 })
    expect(await page.locator('progress').getAttribute('value')).toBe('300')
    await page.goto(`${origin}/admin/tags`)
    expect(await page.locator('tr:has(a:text-is("slow")) td.num').textContent()).toBe('0')
    await page.goto(`${origin}/admin/history`)
    const row = page.locator('tbody tr').first()
    expect(await row.textContent()).toMatch(/ops.*pattern.*Slow:\*.*300 of 300.*done/s)
    await shot('history')
  })

  it('cancels a running pattern invalidation', async () => {
    await page.goto(`${origin}/admin/pattern`)
    await page.fill('#pattern', 'Book:*')
    await page.click('button:text("Dry run")')
    await page.waitForSelector('text=Dry run finished', { timeout: 30_000 })
    await page.click('button.danger')
    await page.waitForSelector('button:text("Cancel")')
    await page.click('button:text("Cancel")')
    await page.waitForSelector('text=Cancelled after', { timeout: 30_000 })
    await page.goto(`${origin}/admin/history`)
    expect(await page.locator('tbody tr').first().textContent()).toContain('cancelled')
  })

  it('shows hits, misses and the hit ratio per tag as a chart', async () => {
    await page.goto(`${origin}/admin/stats`)
    expect(await page.locator('svg.chart').count()).toBeGreaterThan(0)
    const cells = page.locator('tr:has(a:text-is("BookSerializer.owner")) td.num')
    expect(await cells.allTextContents()).toEqual(['80', '10', '88.9 %'])
    await shot('stats')
  })
})
