/**
 * The admin's gate, over real HTTP on loopback: authorization (no open default, 401/403, the login form,
 * constant-time helpers), CSRF on every mutation, GET never mutating, escaping and the CSP, and bounded
 * bodies and redirects.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { basicAuth, bearerAuth, CONTENT_SECURITY_POLICY, createAdmin, safeEqual } from '../src/index.js'
import { type RunningAdmin, startAdmin } from './support/admin-server.js'
import { csrfToken, Session } from './support/http.js'
import { seedBooks } from './support/services.js'

const TOKEN = 'test-token-0123456789abcdef'
let running: RunningAdmin[] = []
afterEach(async () => {
  await Promise.all(running.map((admin) => admin.close()))
  running = []
})
async function start(...args: Parameters<typeof startAdmin>): Promise<RunningAdmin> {
  const admin = await startAdmin(...args)
  running.push(admin)
  return admin
}

describe('authorization', () => {
  it('createAdmin refuses to start without authorize: there is no open default', async () => {
    const { cm } = await start('memory', { authorize: () => true })
    expect(() => createAdmin({ cacheme: cm } as never)).toThrow(/authorize.*required/)
    expect(() => createAdmin({ cacheme: cm, authorize: 'yes' } as never)).toThrow(
      expect.objectContaining({ code: 'E_INVALID_OPTION', message: expect.stringContaining('"yes" →') }),
    )
  })

  it.each([
    [{ cacheme: {} }, 'createAdmin({ cacheme }) {} → pass a cacheme instance'],
    [{ basePath: 'admin' }, `createAdmin({ basePath }) "admin" → pass the mount path such as '/admin'`],
    [{ basePath: '/a b' }, 'createAdmin({ basePath }) "/a b" →'],
    [{ title: 7 }, 'createAdmin({ title }) 7 → pass a string'],
    [{ secret: 'short-secret' }, 'createAdmin({ secret }) (a string of 12 characters) → pass at least 16'],
    [{ stats: 'on' }, 'createAdmin({ stats }) "on" → pass true, false or { flushIntervalMs }'],
    [{ stats: { flushIntervalMs: 5 } }, 'collectStats({ flushIntervalMs }) 5 → pass an integer from 100'],
    [{ trustProxy: 'yes' }, 'createAdmin({ trustProxy }) "yes" → pass true or false'],
    [{ historyMaxEntries: 0 }, 'createAdmin({ historyMaxEntries }) 0 → pass an integer from 1 to 100000'],
    [{ scanCount: 1.5 }, 'createAdmin({ scanCount }) 1.5 → pass an integer from 1 to 10000'],
  ])('createAdmin(%j) is refused with E_INVALID_OPTION saying what to fix', async (bad, message) => {
    const { cm } = await start('memory', { authorize: () => true })
    const options = { cacheme: cm, authorize: () => true, ...bad } as never
    expect(() => createAdmin(options)).toThrow(
      expect.objectContaining({
        name: 'CachemeError',
        code: 'E_INVALID_OPTION',
        message: expect.stringContaining(message),
      }),
    )
  })

  it('the auth helpers refuse weak or malformed credentials with E_INVALID_OPTION, never quoting a secret', () => {
    const cases: [() => unknown, string][] = [
      [() => bearerAuth('short-token'), 'bearerAuth(token) (a string of 11 characters) → pass at least 16'],
      [() => bearerAuth(TOKEN, { name: '' }), 'bearerAuth(token, { name }) "" →'],
      [() => bearerAuth(TOKEN, { sessionSecret: 'tiny' }), 'sessionSecret (a string of 4 characters) →'],
      [
        () => bearerAuth(TOKEN, { sessionMaxAgeSeconds: 5 }),
        'sessionMaxAgeSeconds 5 → pass an integer from 60',
      ],
      [() => basicAuth({}), 'basicAuth(users) {} →'],
      [
        () => basicAuth({ 'a:b': 'long-password' }),
        `basicAuth: the user name "a:b" → use a non-empty name without ':'`,
      ],
      [
        () => basicAuth({ username: 'ops', password: 'pw-7chr' }),
        'basicAuth: the password of "ops" (a string of 7 characters) →',
      ],
    ]
    for (const [make, message] of cases) {
      let thrown: unknown
      try {
        make()
      } catch (error) {
        thrown = error
      }
      expect(thrown).toMatchObject({ name: 'CachemeError', code: 'E_INVALID_OPTION' })
      expect((thrown as Error).message).toContain(message)
      for (const secret of ['short-token', 'tiny', 'pw-7chr'])
        expect((thrown as Error).message).not.toContain(secret)
    }
  })

  it('without credentials every page is 401: a login form for browsers, a challenge for other clients', async () => {
    const admin = await start('memory', { authorize: bearerAuth(TOKEN) })
    for (const path of [
      '/admin',
      '/admin/tags',
      '/admin/keys?pattern=*',
      '/admin/history',
      '/admin/stats',
      '/admin/nope',
    ]) {
      const browser = await new Session(admin.origin).get(path)
      expect(browser.status, path).toBe(401)
      expect(browser.text).toContain('name="token"')
      expect(browser.text).not.toContain('Live entries')
      const curl = await new Session(admin.origin, { accept: '*/*' }).get(path)
      expect(curl.status).toBe(401)
      expect(curl.headers.get('www-authenticate')).toBe('Bearer realm="cacheme-admin"')
    }
    const wrong = await new Session(admin.origin, { authorization: `Bearer ${TOKEN}x` }).get('/admin/tags')
    expect(wrong.status).toBe(401)
    const right = await new Session(admin.origin, { authorization: `Bearer ${TOKEN}` }).get('/admin/tags')
    expect(right.status).toBe(200)
  })

  it('a custom authorize that refuses, throws or returns a non-boolean answers 403; a user name is who acts', async () => {
    let answer: unknown = false
    const admin = await start('memory', {
      authorize: () => {
        if (answer instanceof Error) throw answer
        return answer as boolean
      },
    })
    for (const value of [false, undefined, 1, {}, '', new Error('boom')]) {
      answer = value
      expect((await new Session(admin.origin).get('/admin/tags')).status, String(value)).toBe(403)
    }
    answer = 'alice'
    const page = await new Session(admin.origin).get('/admin/tags')
    expect(page.status).toBe(200)
    expect(page.text).toContain('<span class="user">alice</span>')
  })

  it('basic auth works from the header and from the login form, which sets an HttpOnly SameSite session', async () => {
    const admin = await start('memory', {
      authorize: basicAuth({ username: 'ops', password: 'correct horse' }),
    })
    const header = `Basic ${Buffer.from('ops:correct horse').toString('base64')}`
    expect((await new Session(admin.origin, { authorization: header }).get('/admin/tags')).status).toBe(200)
    const curl = await new Session(admin.origin, { accept: '*/*' }).get('/admin/tags')
    expect(curl.headers.get('www-authenticate')).toMatch(/^Basic realm="cacheme-admin"/)
    const browser = new Session(admin.origin)
    const login = await browser.get('/admin/login')
    const token = csrfToken(login.text)
    const bad = await browser.post('/admin/login', {
      _csrf: token,
      username: 'ops',
      password: 'wrong',
      next: '/admin/tags',
    })
    expect(bad.status).toBe(401)
    expect(bad.text).toContain('Wrong credentials')
    const good = await browser.post('/admin/login', {
      _csrf: token,
      username: 'ops',
      password: 'correct horse',
      next: '/admin/history',
    })
    expect(good.status).toBe(303)
    expect(good.headers.get('location')).toBe('/admin/history')
    const cookie = good.headers.getSetCookie().find((line) => line.startsWith('cacheme_admin_session='))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).toMatch(/Path=\/admin/)
    expect((await browser.get('/admin/tags')).status).toBe(200)
    const out = await browser.submit('/admin/tags', '/admin/logout')
    expect(out.status).toBe(303)
    expect((await browser.get('/admin/tags')).status).toBe(401)
  })

  it('a forged or tampered session cookie is refused', async () => {
    const admin = await start('memory', { authorize: bearerAuth(TOKEN) })
    const forged = `v1.${Buffer.from('token').toString('base64url')}.9999999999.AAAA`
    const session = new Session(admin.origin, { cookie: `cacheme_admin_session=${forged}` })
    expect((await session.get('/admin/tags')).status).toBe(401)
  })

  it('the login never redirects outside the admin', async () => {
    const admin = await start('memory', { authorize: bearerAuth(TOKEN) })
    for (const next of [
      '//evil.example/x',
      'https://evil.example/',
      '/elsewhere',
      '/admin//evil',
      '/admin\\x',
    ]) {
      const browser = new Session(admin.origin)
      const token = csrfToken((await browser.get('/admin/login')).text)
      const response = await browser.post('/admin/login', { _csrf: token, token: TOKEN, next })
      expect(response.headers.get('location'), next).toBe('/admin/tags')
    }
  })

  it('safeEqual compares secrets of any length correctly (constant time: hashes of both sides)', () => {
    expect(safeEqual('abc', 'abc')).toBe(true)
    expect(safeEqual('abc', 'abd')).toBe(false)
    expect(safeEqual('abc', 'abcd')).toBe(false)
    expect(safeEqual('', '')).toBe(true)
    expect(() => bearerAuth('short')).toThrow(/16 characters/)
    expect(() => basicAuth({ username: 'a', password: 'short' })).toThrow(/8 characters/)
  })
})

describe('mutations', () => {
  it('every mutation needs a POST with the CSRF token of the same browser and user, from the same site', async () => {
    const admin = await start('memory', { authorize: bearerAuth(TOKEN) })
    await seedBooks(admin.cm, 3)
    const ops = new Session(admin.origin, { authorization: `Bearer ${TOKEN}` })
    const token = csrfToken((await ops.get('/admin/tags')).text)
    const attempts: [Session, Record<string, string>, Record<string, string>][] = [
      [ops, { tag: 'BookSerializer.title' }, {}], // no token
      [ops, { tag: 'BookSerializer.title', _csrf: 'x'.repeat(43) }, {}], // wrong token
      [
        new Session(admin.origin, { authorization: `Bearer ${TOKEN}` }),
        { tag: 'BookSerializer.title', _csrf: token },
        {},
      ], // another browser
      [ops, { tag: 'BookSerializer.title', _csrf: token }, { origin: 'https://evil.example' }],
      [ops, { tag: 'BookSerializer.title', _csrf: token }, { 'sec-fetch-site': 'cross-site' }],
    ]
    for (const [session, form, headers] of attempts) {
      expect((await session.post('/admin/tags/invalidate', form, headers)).status).toBe(403)
    }
    expect((await admin.cm.inspector.tags()).find((t) => t.name === 'BookSerializer.title')?.live).toBe(3)
    const ok = await ops.post(
      '/admin/tags/invalidate',
      { tag: 'BookSerializer.title', _csrf: token },
      { origin: admin.origin },
    )
    expect(ok.status).toBe(303)
    expect((await admin.cm.inspector.tags()).find((t) => t.name === 'BookSerializer.title')?.live).toBe(0)
  })

  it('GET never mutates: mutation paths answer 405 to GET, and pages only read', async () => {
    const admin = await start('memory', { authorize: bearerAuth(TOKEN) })
    await seedBooks(admin.cm, 3)
    const ops = new Session(admin.origin, { authorization: `Bearer ${TOKEN}` })
    for (const path of [
      '/admin/tags/invalidate?tag=BookSerializer.owner',
      '/admin/invalid/invalidate?key=User:1',
      '/admin/pattern/dry-run?pattern=*',
      '/admin/logout',
    ]) {
      const response = await ops.get(path)
      expect([405, 404], path).toContain(response.status)
    }
    for (const path of [
      '/admin/tags',
      '/admin/keys',
      '/admin/key?key=Book:1>owner',
      '/admin/invalid?key=User:1',
      '/admin/pattern',
      '/admin/history',
      '/admin/stats',
    ]) {
      expect((await ops.get(path)).status, path).toBe(200)
    }
    expect((await admin.cm.inspector.tags()).map((t) => t.live)).toEqual([3, 3])
  })

  it('refuses bodies that are too large or not urlencoded', async () => {
    const admin = await start('memory', { authorize: bearerAuth(TOKEN) })
    const ops = new Session(admin.origin, { authorization: `Bearer ${TOKEN}` })
    const token = csrfToken((await ops.get('/admin/tags')).text)
    expect((await ops.post('/admin/tags/invalidate', { _csrf: token, tag: 'x'.repeat(20_000) })).status).toBe(
      413,
    )
    const json = await ops.post(
      '/admin/tags/invalidate',
      { _csrf: token },
      { 'content-type': 'application/json' },
    )
    expect(json.status).toBe(415)
  })
})

describe('escaping and headers', () => {
  it('a key holding markup renders inert on every page that shows it, and every response has the strict CSP', async () => {
    const admin = await start('memory', { authorize: bearerAuth(TOKEN) })
    const evil = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>'
    // A cache key may hold one '>' (it separates hash and field): this one is hash `XSS:<script`, field
    // `alert(1)</script`. Tag, invalid key and value carry the whole payload.
    const key = 'XSS:<script>alert(1)</script'
    const fn = admin.cm.wrap(async () => `<b>${evil}</b>`, {
      key: () => key,
      invalidKeys: () => [`User:${evil}`],
      tag: `tag${evil}`,
    })
    await fn()
    const ops = new Session(admin.origin, { authorization: `Bearer ${TOKEN}` })
    const pages = [
      '/admin/tags',
      `/admin/keys?tag=${encodeURIComponent(`tag${evil}`)}`,
      `/admin/keys?pattern=${encodeURIComponent('XSS:*')}`,
      `/admin/key?key=${encodeURIComponent(key)}`,
      `/admin/invalid?key=${encodeURIComponent(`User:${evil}`)}`,
    ]
    for (const path of pages) {
      const page = await ops.get(path)
      expect(page.status, path).toBe(200)
      expect(page.text, path).not.toContain('<script>alert')
      expect(page.text, path).not.toContain('<img src=x')
      expect(page.text, path).toContain('&lt;script') // shown, as text
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(page.headers.get('x-content-type-options')).toBe('nosniff')
      expect(page.headers.get('referrer-policy')).toBe('no-referrer')
      expect(page.headers.get('x-frame-options')).toBe('DENY')
      expect(page.headers.get('cache-control')).toBe('no-store')
    }
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('script-src')
    const login = await new Session(admin.origin).get('/admin/tags')
    expect(login.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })
})
