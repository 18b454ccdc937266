/**
 * The in-process tier across two real OS processes (test/fixtures/l1-process/child.mjs, on the published
 * build): an invalidation in either process evicts the other's copy, on a single Redis and on Cluster.
 * Bounded: a handful of rounds; waiting for a notice is bounded (10 s), never asserted as a duration.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { type Cacheme, createCacheme, RedisStorage } from '../../src/index.js'
import { newCluster, newRedis, randomPrefix } from '../support/fixtures.js'

const CHILD = fileURLToPath(new URL('../fixtures/l1-process/child.mjs', import.meta.url))
const ROUNDS = 5

type Reply = { kind: 'reply' | 'seen'; ok?: true; error?: string; [key: string]: unknown }

/** Rejects after 10 s: a child that never answers fails the test instead of hanging it. */
function bounded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`child: no ${what} within 10 s`)), 10_000)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** The child process and a request/reply channel to it (one request at a time, plus `seen` messages). */
function spawnChild() {
  const child: ChildProcess = fork(CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const replies: ((reply: Reply) => void)[] = []
  const seens: ((reply: Reply) => void)[] = []
  child.on('message', (message: Reply) => (message.kind === 'seen' ? seens : replies).shift()?.(message))
  return {
    child,
    ask(message: object): Promise<Reply> {
      const reply = bounded(new Promise<Reply>((resolve) => replies.push(resolve)), 'reply')
      child.send(message)
      return reply
    },
    seen: (): Promise<Reply> => bounded(new Promise<Reply>((resolve) => seens.push(resolve)), 'fresh read'),
  }
}

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

describe.each(['redis', 'redis-cluster'] as const)(
  'in-process tier across two OS processes on %s',
  (kind) => {
    it('an invalidation in either process evicts the copy the other one serves from its tier', async () => {
      const prefix = randomPrefix()
      const db = `db${randomUUID()}:`
      const raw = kind === 'redis' ? newRedis() : newCluster()
      const cm: Cacheme = createCacheme({
        storage: new RedisStorage(kind === 'redis' ? newRedis() : newCluster()),
        prefix,
        l1: { max: 100, ttl: 60 },
      })
      cleanup.push(() => cm.close())
      const user = cm.wrap(
        async (id: number) => ({ id, version: Number((await raw.get(`${db}${id}`)) ?? 0) }),
        {
          key: (c) => `User:${c.args[0]}`,
          invalidKeys: (c) => [`User:${c.args[0]}`],
          tag: 'user',
        },
      )
      const other = spawnChild()
      cleanup.push(async () => {
        await other.ask({ cmd: 'stop' }).catch(() => undefined)
        other.child.kill()
      })
      expect(await other.ask({ cmd: 'start', kind, prefix, db })).toMatchObject({ ok: true })
      await cm.ready()
      await cm.invalidate('Warm:up') // the prefix's first invalidation restarts the sequence: behind us
      await new Promise((resolve) => setTimeout(resolve, 50))

      for (let round = 1; round <= ROUNDS; round += 1) {
        const version = round * 2
        await raw.set(`${db}1`, String(version - 1))
        await cm.invalidate('User:1')
        // Both processes cache the current version; the child's second read comes from its tier.
        await other.ask({ cmd: 'get', id: 1 })
        expect(await other.ask({ cmd: 'get', id: 1 })).toMatchObject({ version: version - 1, computed: 0 })
        await user(1)
        expect((await user(1)).version).toBe(version - 1)

        // This process commits and invalidates: the child must stop serving its copy.
        await raw.set(`${db}1`, String(version))
        expect(await other.ask({ cmd: 'watch', id: 1, version })).toMatchObject({ ok: true })
        await cm.invalidate('User:1')
        expect(await other.seen()).toMatchObject({ version })

        // The child commits and invalidates: this process must stop serving its copy.
        expect((await user(1)).version).toBe(version)
        await raw.set(`${db}1`, String(version + 1))
        expect(await other.ask({ cmd: 'invalidate', key: 'User:1' })).toMatchObject({ ok: true })
        const deadline = Date.now() + 10_000
        while ((await user(1)).version !== version + 1) {
          if (Date.now() > deadline) throw new Error('this process kept serving its old copy')
          await new Promise((resolve) => setImmediate(resolve))
        }
      }
    })
  },
)
