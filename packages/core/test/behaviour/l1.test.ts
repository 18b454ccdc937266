/**
 * The in-process tier (`l1` option, src/l1/l1.ts), in one OS process: two cacheme instances on one
 * storage and prefix stand for two processes (on Redis and Cluster each has its own client, so notices
 * really travel through pub/sub). The same with two real OS processes: l1-processes.test.ts.
 *
 * Waiting for a notice is bounded (`eventually`), never timed: the assertions are about what is served.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  type Cacheme,
  type CachemeConfig,
  CachemeError,
  type CachemeEvents,
  createCacheme,
  MemoryStorage,
  RedisStorage,
} from '../../src/index.js'
import type { CacheStorage } from '../../src/storage/index.js'
import { FaultProxy } from '../support/fault-proxy.js'
import {
  newCluster,
  newRedis,
  randomPrefix,
  type StorageKind,
  sleep,
  storageKinds,
} from '../support/fixtures.js'
import { introspectionOf } from '../support/introspection-of.js'
import { redisUrl } from '../support/redis.js'
import { type StorageSpy, spyOn } from '../support/storage-spy.js'

const L1 = { max: 100, ttl: 60, maxLagMs: 200 }

/** Every instance a test creates is closed after it (its notice subscription is a connection of its own). */
const opened: Cacheme[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((cm) => cm.close()))
})
function track(cm: Cacheme): Cacheme {
  opened.push(cm)
  return cm
}

/** Polls `check` until it holds (at most 5 s, then fails with `what`). */
async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within 5 s: ${what}`)
    await sleep(5)
  }
}

/** A real storage per "process" (own client), each behind a spy. */
function storages(kind: StorageKind, count: number): CacheStorage[] {
  if (kind === 'memory') {
    const shared = new MemoryStorage()
    return Array.from({ length: count }, () => shared)
  }
  return Array.from({ length: count }, () => new RedisStorage(kind === 'redis' ? newRedis() : newCluster()))
}

interface Process {
  cm: Cacheme
  spy: StorageSpy
  /** A cached function over a tiny versioned "database", depending on `User:<id>`. */
  user: (id: number) => Promise<{ id: number; version: number }>
  computed: () => number
}

function processes(kind: StorageKind, db: Map<number, number>, config: CachemeConfig = {}): Process[] {
  const prefix = randomPrefix()
  return storages(kind, 2).map((real) => {
    const spy = spyOn(real)
    const cm = track(createCacheme({ storage: spy.storage, prefix, l1: L1, ...config }))
    let computed = 0
    const user = cm.wrap(
      async (id: number) => {
        computed += 1
        return { id, version: db.get(id) ?? 0 }
      },
      { key: (c) => `User:${c.args[0]}>profile`, invalidKeys: (c) => [`User:${c.args[0]}`], tag: 'user' },
    )
    return { cm, spy, user, computed: () => computed }
  })
}

/**
 * Every tier subscribed, and the prefix's first invalidation (which restarts the sequence, and so
 * empties every tier) behind us, so that tests see only the behaviour they are about.
 */
async function ready(...list: Process[]): Promise<void> {
  for (const p of list) {
    await p.cm.ready()
    await eventually(() => p.cm.l1?.state === 'ready', 'the tier is ready')
  }
  await list[0]!.cm.invalidate('Warm:up')
  for (const p of list) await eventually(() => p.spy.notices > 0, 'the first notice arrived')
}

describe.each(storageKinds)('in-process tier on %s storage', (kind) => {
  it('a repeated hit is served in process, without a storage read, as a fresh copy', async () => {
    const db = new Map([[1, 1]])
    const [a] = processes(kind, db)
    await ready(a!)
    const first = await a!.user(1)
    await a!.user(1) // hit from the storage, kept in process
    const reads = a!.spy.reads
    const third = await a!.user(1)
    expect(a!.spy.reads).toBe(reads)
    expect(third).toEqual(first)
    expect(third).not.toBe(await a!.user(1))
    expect(a!.computed()).toBe(1)
    expect(a!.cm.l1).toEqual({ state: 'ready', entries: 1 })
  })

  it("another process's invalidation evicts this process's copy", async () => {
    const db = new Map([[1, 1]])
    const [a, b] = processes(kind, db)
    await ready(a!, b!)
    expect((await a!.user(1)).version).toBe(1)
    await a!.user(1)
    db.set(1, 2)
    await b!.cm.invalidate('User:1')
    await eventually(async () => (await a!.user(1)).version === 2, 'the first process serves version 2')
    // And from then on in process again.
    const reads = a!.spy.reads
    expect((await a!.user(1)).version).toBe(2)
    await a!.user(1)
    expect(a!.spy.reads - reads).toBeLessThanOrEqual(1)
  })

  it("this process's own invalidation is seen by its next call, even while its notice is late", async () => {
    const db = new Map([[1, 1]])
    const [a] = processes(kind, db)
    await ready(a!)
    await a!.user(1)
    await a!.user(1)
    a!.spy.delayNotices(100)
    db.set(1, 2)
    await a!.cm.invalidate('User:1')
    expect((await a!.user(1)).version).toBe(2)
  })

  it('a fill that raced an invalidation never keeps the old value', async () => {
    const db = new Map([[1, 1]])
    const [a, b] = processes(kind, db)
    await ready(a!, b!)
    await b!.user(1) // version 1 is in the storage; the first process has nothing in process yet
    // The first process reads version 1, but its reply is held back while the second process
    // invalidates: the notice arrives before the payload would be kept.
    const release = a!.spy.holdReads()
    const racing = a!.user(1)
    await eventually(() => a!.spy.reads > 0, 'the read was sent')
    db.set(1, 2)
    const notices = a!.spy.notices
    await b!.cm.invalidate('User:1')
    await eventually(() => a!.spy.notices > notices, 'the notice reached the first process')
    release()
    expect((await racing).version).toBe(1) // the racing call itself returns what it read...
    // ...but it was not kept: the next call reads the storage and gets version 2.
    expect((await a!.user(1)).version).toBe(2)
    expect((await a!.user(1)).version).toBe(2)
  })

  it('an entry is never kept in process longer than the storage keeps it', async () => {
    const db = new Map([[1, 1]])
    const prefix = randomPrefix()
    const [real] = storages(kind, 1)
    const cm = track(createCacheme({ storage: real!, prefix, l1: L1 }))
    await cm.ready()
    await eventually(() => cm.l1?.state === 'ready', 'ready')
    let computed = 0
    const fn = cm.wrap(
      async () => {
        computed += 1
        return db.get(1)
      },
      { key: () => 'Short', timeout: 0.3, tag: 'short' },
    )
    await fn()
    await fn()
    await sleep(600)
    await fn()
    expect(computed).toBe(2)
  })

  it('notices that lag more than maxLagMs drop the tier: other processes’ invalidations are not missed', async () => {
    const db = new Map([[1, 1]])
    const [a, b] = processes(kind, db, { l1: { max: 100, ttl: 60, maxLagMs: 40 } })
    const events: CachemeEvents['l1'][] = []
    a!.cm.on('l1', (event) => events.push(event))
    await ready(a!, b!)
    await a!.user(1)
    await a!.user(1)
    a!.spy.delayNotices(60_000) // the notice will not arrive during this test
    db.set(1, 2)
    await b!.cm.invalidate('User:1')
    await eventually(async () => (await a!.user(1)).version === 2, 'the lagging tier is dropped')
    expect(
      events.some((event) => event.state === 'dropped' && /lag/.test(event.reason ?? '')),
      JSON.stringify(events),
    ).toBe(true)
  })

  it('a pattern invalidation that outlasts maxLagMs announces itself first: other tiers stay ready, then serve fresh values', async () => {
    const db = new Map([
      [1, 1],
      [2, 1],
      [3, 1],
    ])
    const [a, b] = processes(kind, db, { l1: { max: 100, ttl: 60, maxLagMs: 60 } })
    const events: CachemeEvents['l1'][] = []
    b!.cm.on('l1', (event) => events.push(event))
    await ready(a!, b!)
    for (const id of [1, 2, 3]) await b!.user(id)
    for (const id of [1, 2, 3]) db.set(id, 2)
    // SCAN COUNT 1, each step 70 ms late: the run takes several times maxLagMs. A Cluster scans each of
    // its 3 masters at least once, so even 3 keys on 3 masters give ≥ 3 steps (210 ms, 3.5 × maxLagMs).
    a!.spy.delayScan(70)
    const run = await a!.cm.invalidatePattern('User:*', { scanCount: 1 })
    expect(run.deleted).toBeGreaterThan(0)
    expect(run.steps).toBeGreaterThanOrEqual(3) // ≥ 210 ms of steps: several heartbeats and lag deadlines
    for (const id of [1, 2, 3]) {
      await eventually(
        async () => (await b!.user(id)).version === 2,
        `the other process serves user ${id} fresh`,
      )
    }
    expect(
      events.filter((event) => event.state === 'dropped'),
      JSON.stringify(events),
    ).toEqual([])
    expect(b!.cm.l1?.state).toBe('ready')
  })
})

describe('in-process tier on a lost connection', () => {
  it('is dropped and bypassed while the subscription is down, and serves fresh values once resubscribed', async () => {
    const proxy = new FaultProxy(redisUrl())
    await proxy.up()
    const prefix = randomPrefix()
    const viaProxy = newRedis(proxy.url, { maxRetriesPerRequest: 0, retryStrategy: () => 50 })
    viaProxy.on('error', () => {})
    const db = new Map([[1, 1]])
    const load = async (id: number) => ({ id, version: db.get(id) ?? 0 })
    const a = createCacheme({ storage: new RedisStorage(viaProxy), prefix, l1: L1, operationTimeoutMs: 300 })
    const b = createCacheme({ storage: new RedisStorage(newRedis()), prefix })
    const options = {
      key: (c: { args: [number] }) => `User:${c.args[0]}`,
      invalidKeys: (c: { args: [number] }) => [`User:${c.args[0]}`],
      tag: 'u',
    }
    const userA = a.wrap(load, options)
    const states: string[] = []
    a.on('l1', (event) => states.push(event.state))
    try {
      await a.ready()
      await eventually(() => a.l1?.state === 'ready', 'ready')
      await userA(1)
      await userA(1)
      expect(a.l1?.entries).toBe(1)
      await proxy.down()
      await eventually(() => a.l1?.state === 'dropped', 'dropped on the lost connection')
      expect(a.l1?.entries).toBe(0)
      // While the first process cannot hear notices, another one invalidates.
      db.set(1, 2)
      await b.invalidate('User:1')
      expect((await userA(1)).version).toBe(2) // fail open: computed, not served from the tier
      await proxy.up()
      await eventually(() => a.l1?.state === 'ready', 'ready again after resubscribing')
      expect((await userA(1)).version).toBe(2)
      expect(states).toEqual(['ready', 'dropped', 'ready'])
    } finally {
      await a.close()
      await proxy.down()
    }
  })
})

describe('in-process tier options', () => {
  it.each([
    ['a missing max', { ttl: 1 }],
    ['a zero max', { max: 0, ttl: 1 }],
    ['a fractional max', { max: 1.5, ttl: 1 }],
    ['a negative ttl', { max: 10, ttl: -1 }],
    ['a zero maxLagMs', { max: 10, ttl: 1, maxLagMs: 0 }],
  ])('%s is refused with E_INVALID_OPTION', (_name, l1) => {
    let error: unknown
    try {
      createCacheme({ l1: l1 as never })
    } catch (thrown) {
      error = thrown
    }
    expect(CachemeError.is(error, 'E_INVALID_OPTION')).toBe(true)
    expect((error as Error).message).toMatch(/'l1'/)
  })

  it('a storage without notices is refused, naming the fix', () => {
    const memory = new MemoryStorage()
    const noNotices: CacheStorage = {
      ...introspectionOf(memory),
      name: 'plain',
      read: (e, m, o) => memory.read(e, m, o),
      write: (r) => memory.write(r),
      invalidate: (r) => memory.invalidate(r),
      liveMembers: (s) => memory.liveMembers(s),
      scan: (o) => memory.scan(o),
      deleteKeys: (k) => memory.deleteKeys(k),
      logGuards: (g, m) => memory.logGuards(g, m),
      acquireLock: (k, t, ttl) => memory.acquireLock(k, t, ttl),
      releaseLock: (k, t) => memory.releaseLock(k, t),
    }
    expect(() => createCacheme({ storage: noNotices, l1: { max: 10, ttl: 1 } })).toThrow(
      /notices.*RedisStorage/,
    )
  })

  it('is off by default, and off on a disabled instance', () => {
    expect(createCacheme().l1).toBeUndefined()
    expect(createCacheme({ enabled: false, l1: { max: 10, ttl: 1 } }).l1).toBeUndefined()
  })
})
