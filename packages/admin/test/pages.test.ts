/**
 * What each page shows and does, over real HTTP on loopback, on a single Redis, on Cluster and on
 * MemoryStorage: tags and counts, keys (tag and browse, paged), the key inspector, invalid-key lookup and
 * invalidation, pattern invalidation (dry run, confirm, confinement, bad patterns), history, stats.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { bearerAuth, collectStats } from '../src/index.js'
import { type RunningAdmin, startAdmin } from './support/admin-server.js'
import { location, Session } from './support/http.js'
import { seedBooks, storageKinds } from './support/services.js'

const TOKEN = 'pages-token-0123456789abcdef'
let running: RunningAdmin[] = []
afterEach(async () => {
  await Promise.all(running.map((admin) => admin.close()))
  running = []
})

async function setup(kind: (typeof storageKinds)[number]) {
  const admin = await startAdmin(kind, { authorize: bearerAuth(TOKEN, { name: 'ops' }) })
  running.push(admin)
  await seedBooks(admin.cm, 12)
  await seedBooks(admin.neighbour, 4)
  return { admin, ops: new Session(admin.origin, { authorization: `Bearer ${TOKEN}` }) }
}

/** Follows a job page until it stops refreshing itself. */
async function finished(ops: Session, path: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const page = await ops.get(path)
    if (!page.text.includes('http-equiv="refresh"')) return page.text
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${path} never finished`)
}

describe.each(storageKinds)('admin pages on %s storage', (kind) => {
  it('tags shows every tag with its live count; invalidate-all empties it and writes a history row', async () => {
    const { admin, ops } = await setup(kind)
    const tags = await ops.get('/admin/tags')
    expect(tags.text).toMatch(/BookSerializer\.owner<\/a>[\s\S]*?<td class="num">12<\/td>/)
    const done = await ops.submit('/admin/tags', '/admin/tags/invalidate', { tag: 'BookSerializer.owner' })
    expect(location(done)).toMatch(/^\/admin\/history\?last=/)
    const history = await ops.get(location(done))
    expect(history.text).toMatch(
      /<tr class="highlight">[\s\S]*?ops[\s\S]*?tag[\s\S]*?BookSerializer\.owner[\s\S]*?12[\s\S]*?done/,
    )
    expect((await admin.cm.inspector.tags()).map((t) => [t.name, t.live])).toEqual([
      ['BookSerializer.owner', 0],
      ['BookSerializer.title', 12],
    ])
    expect((await admin.neighbour.inspector.tags()).map((t) => t.live)).toEqual([4, 4])
  })

  it("keys lists a tag's entries and browses the prefix in pages, with sizes, TTLs and links", async () => {
    const { ops } = await setup(kind)
    const tag = await ops.get('/admin/keys?tag=BookSerializer.owner')
    expect(tag.text).toContain('href="/admin/key?key=Book%3A3%3Eowner"')
    expect(tag.text).toMatch(
      /Book:3&gt;owner<\/a><\/td><td class="num">\d+ B<\/td><td class="num">(59 min|1 h)/,
    )
    const browse = await ops.get('/admin/keys?pattern=Book:*')
    expect(browse.text).toContain('cached values')
    expect(browse.text).toContain('invalidation set')
    expect(browse.text).not.toContain('#cm:')
    expect(browse.text).not.toContain('neighbour')
    const users = await ops.get('/admin/keys?pattern=User:*')
    expect(users.text.match(/User:\d:invalid/g)?.length).toBe(5)
    const bad = await ops.get('/admin/keys?pattern=Book:[')
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('never closed')
  })

  it('the key inspector shows the decoded value, TTL, fields and the invalid keys and tags it is registered under', async () => {
    const { ops } = await setup(kind)
    const page = await ops.get(`/admin/key?key=${encodeURIComponent('Book:7>owner')}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('name: &#39;Owner of 7&#39;')
    expect(page.text).toContain('1970-01-01T00:00:00.000Z')
    expect(page.text).toContain('href="/admin/invalid?key=User%3A2"')
    expect(page.text).toContain('href="/admin/keys?tag=BookSerializer.owner"')
    expect(page.text).toMatch(/<tr class="highlight"><td><a class="key" href="[^"]+">owner<\/a>/)
    expect(page.text).toContain('>title</a>')
    const missing = await ops.get('/admin/key?key=Book:99')
    expect(missing.text).toContain('No value is cached')
    const malformed = await ops.get(`/admin/key?key=${encodeURIComponent('A>b>c')}`)
    expect(malformed.status).toBe(400)
  })

  it('the invalid-key lookup lists the dependents of User:2 and invalidating it removes exactly them', async () => {
    const { admin, ops } = await setup(kind)
    const page = await ops.get('/admin/invalid?key=User:2')
    expect(page.text.match(/Book:\d+&gt;owner/g)?.sort()).toEqual(['Book:2&gt;owner', 'Book:7&gt;owner'])
    const done = await ops.submit('/admin/invalid?key=User:2', '/admin/invalid/invalidate', { key: 'User:2' })
    const history = await ops.get(location(done))
    expect(history.text).toMatch(
      /<tr class="highlight">[\s\S]*?invalid key[\s\S]*?User:2[\s\S]*?<td class="num">2/,
    )
    expect((await admin.cm.inspector.dependents('User:2')).items).toEqual([])
    expect((await admin.cm.inspector.dependents('User:3')).items).toHaveLength(2)
    expect((await admin.neighbour.inspector.dependents('User:2')).items).toHaveLength(1)
  })

  it('pattern invalidation: dry run count and sample, then confirm deletes them; neighbours and meta keys stay', async () => {
    const { admin, ops } = await setup(kind)
    const dry = await ops.submit('/admin/pattern', '/admin/pattern/dry-run', { pattern: 'Book:1*' })
    const dryPage = await finished(ops, location(dry))
    // Book:1, Book:10, Book:11 hashes and their invalidation sets Book:1:invalid, ...
    expect(dryPage).toContain('<strong id="matched">6</strong>')
    expect(dryPage).toContain('Delete 6 keys')
    expect((await admin.cm.inspector.tags()).map((t) => t.live)).toEqual([12, 12])
    const jobPath = location(dry)
    const confirm = await ops.submit(jobPath, `${jobPath}/confirm`)
    const runPage = await finished(ops, location(confirm))
    expect(runPage).toContain('Done: 6 keys deleted.')
    expect(runPage).toMatch(/<progress max="6" value="6"/)
    expect((await admin.cm.inspector.tags()).map((t) => t.live)).toEqual([9, 9])
    const history = await ops.get('/admin/history')
    expect(history.text).toMatch(/ops[\s\S]*?pattern[\s\S]*?Book:1\*[\s\S]*?6 <span class="muted">of 6/)
    // Everything, then: the history survives a * invalidation, the neighbour is untouched.
    const all = await ops.submit('/admin/pattern', '/admin/pattern/dry-run', { pattern: '*' })
    const allJob = location(all)
    await finished(ops, allJob)
    await finished(ops, location(await ops.submit(allJob, `${allJob}/confirm`)))
    expect((await admin.cm.inspector.tags()).map((t) => t.live)).toEqual([0, 0])
    expect((await ops.get('/admin/history')).text).toContain('Book:1*')
    expect((await admin.neighbour.inspector.tags()).map((t) => t.live)).toEqual([4, 4])
  })

  it('patterns are confined to the prefix: ../*, \\* and escapes match only under it; bad ones are clear errors', async () => {
    const { admin, ops } = await setup(kind)
    for (const pattern of ['../*', '\\*', '?eighbour*', '*neighbour*']) {
      const dry = await ops.submit('/admin/pattern', '/admin/pattern/dry-run', { pattern })
      expect(await finished(ops, location(dry)), pattern).toContain('<strong id="matched">0</strong>')
    }
    for (const [pattern, message] of [
      ['', 'is empty'],
      ['x'.repeat(513), 'characters long'],
      ['Book:[1', 'never closed'],
      ['Book:\\', "lone '\\'"],
      ['#cm:*', 'reserved'],
    ] as const) {
      const response = await ops.submit('/admin/pattern', '/admin/pattern/dry-run', { pattern })
      expect(response.status, pattern).toBe(400)
      expect(response.text).toContain(message.replace(/'/g, '&#39;').replace(/\\/g, '\\'))
    }
    expect((await admin.neighbour.inspector.tags()).map((t) => t.live)).toEqual([4, 4])
    expect((await admin.cm.inspector.tags()).map((t) => t.live)).toEqual([12, 12])
  })

  it('stats shows hits, misses and the hit ratio per tag, summed across processes through the storage', async () => {
    const { admin, ops } = await setup(kind)
    const collector = collectStats(admin.cm, { flushIntervalMs: 60_000 })
    const other = collectStats(admin.cm, { flushIntervalMs: 60_000 }) // a second "process" on the same prefix
    await seedBooks(admin.cm, 12) // 24 hits, counted by both collectors
    await collector.stop()
    await other.stop()
    const page = await ops.get('/admin/stats')
    expect(page.text).toMatch(
      /BookSerializer\.owner<\/a><\/td><td class="num">24<\/td><td class="num">0<\/td><td class="num">100\.0 %/,
    )
    expect(page.text).toContain('<svg class="chart"')
    expect(page.text).toContain('<rect class="hit"')
  })
})
