/**
 * The "inspecting and administering" example of packages/core/README.md, verbatim between the region
 * markers (test/readme.test.ts checks that the README contains it, and runs this file on MemoryStorage).
 */
// #region readme-inspect
import { createCacheme } from '@cacheme/core'

const cm = createCacheme({ prefix: 'CM:' }) // MemoryStorage; the same API works on RedisStorage and Cluster
const getBook = cm.wrap(async (id: number) => ({ id, title: `Book ${id}` }), {
  key: (c) => `Book:${c.args[0]}`,
  invalidKeys: (c) => [`Book:${c.args[0]}`, 'Shelf:1'],
  tag: 'books',
})
for (const id of [1, 2, 3]) await getBook(id)

console.log(await cm.inspector.tags()) // [ { name: 'books', registered: true, live: 3, exact: true } ]
const page = await cm.inspector.dependents('Shelf:1', { count: 50 }) // what invalidating Shelf:1 removes
console.log(page.items.map((entry) => entry.key).sort()) // [ 'Book:1', 'Book:2', 'Book:3' ]
const entry = await cm.inspector.entry('Book:2') // payload (capped), decoded value, TTL, sibling fields
console.log(entry.value) // { status: 'decoded', value: { id: 2, title: 'Book 2' } }

const dry = await cm.invalidatePattern('Book:*', { dryRun: true }) // count + sample, deletes nothing
console.log(dry.matched) // 6: hashes Book:1..3 and the sets Book:1..3:invalid
const controller = new AbortController() // controller.abort() stops the run between two bounded steps
const done = await cm.invalidatePattern('Book:*', {
  signal: controller.signal,
  onProgress: (p) => console.log(`deleted ${p.deleted} of ~${dry.matched}`),
})
console.log(done.deleted, done.cancelled) // 6 false

await cm.journal('audit').append(JSON.stringify({ who: 'ops', pattern: 'Book:*', removed: done.deleted }))
console.log(await cm.journal('audit').list({ limit: 10 })) // newest first, kept under CM:#cm:journal:audit
// #endregion readme-inspect
