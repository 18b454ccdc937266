/**
 * The adapter itself: the factory's checks, the `m2m` option keyed by either side of a Sequelize pair,
 * the declared-models warning, detaching (only its own hooks go), `delivery: 'background'`, and the cost
 * of a commit in Redis commands — one, however many rows and junction rows it touched. On a SQLite file
 * and PostgreSQL (isolated transactions); the in-memory SQLite is in `shared-connection.test.ts`.
 */
import { randomUUID } from 'node:crypto'
import { connect } from 'node:net'
import { CachemeError, createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { Sequelize } from 'sequelize'
import { describe, expect, it } from 'vitest'
import { sequelizeAdapter } from '../src/index.js'
import { isolatedDatabases } from './support/database.js'
import { redisUrl, useFixture } from './support/fixture.js'
import { defineSuiteModels } from './support/models.js'

describe('sequelizeAdapter()', () => {
  it('rejects what is not a Sequelize instance, quoting it', () => {
    expect(() => sequelizeAdapter({} as never)).toThrow(
      /needs a Sequelize instance, got an object \(Object\)/,
    )
    expect(() => sequelizeAdapter(undefined as never)).toThrow(CachemeError)
  })

  it('rejects unknown option names with the closest real one', () => {
    const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false })
    expect(() => sequelizeAdapter(sequelize, { delivry: 'await' } as never)).toThrow(
      /did you mean 'delivery'/,
    )
    expect(() => sequelizeAdapter(sequelize, { delivery: 'later' as never })).toThrow(/'await' \(default\)/)
  })
})

describe.each(isolatedDatabases)('sequelize on %s: the adapter', (database) => {
  const fixture = useFixture(database, defineSuiteModels, { attach: false })

  it('the m2m option may be keyed by either side of a belongsToMany pair (Sequelize has no owning side)', async () => {
    for (const relation of ['Book.users', 'User.books'] as const) {
      const f = fixture()
      const detach = await f.cm.attach(
        sequelizeAdapter(f.sequelize, {
          m2m: { [relation]: { Book: (ids) => ids.map((id) => `Shelf:${String(id)}`) } },
        }),
      )
      const book = await f.models.Book.create({ title: 'Dune' })
      const user = await f.models.User.create({ name: 'ada' })
      f.invalidated.length = 0
      await book.addUsers([user.id])
      expect(f.invalidated).toContain(`Shelf:${user.id}`)
      await detach()
    }
  })

  it('keying the m2m option by both sides of one pair fails attach with the owning side named', async () => {
    const f = fixture()
    const both = { 'Book.users': { Book: () => [] }, 'User.books': { User: () => [] } }
    const attached = f.cm.attach(sequelizeAdapter(f.sequelize, { m2m: both }))
    await expect(attached).rejects.toMatchObject({ code: 'E_ADAPTER', cause: { code: 'E_INVALID_OPTION' } })
    await expect(attached).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/key its builders by the owning side, 'Book\.users'/) },
    })
  })

  it('an m2m key that names no relation fails attach with the closest relation suggested', async () => {
    const f = fixture()
    const attached = f.cm.attach(sequelizeAdapter(f.sequelize, { m2m: { 'Book.user': { Book: () => [] } } }))
    await expect(attached).rejects.toMatchObject({
      cause: { code: 'E_INVALID_OPTION', message: expect.stringMatching(/'Book\.users'/) },
    })
  })

  it('warns once about an invalidModels name Sequelize does not know, listing the real models', async () => {
    const f = fixture()
    await f.cm.attach(sequelizeAdapter(f.sequelize))
    const cached = f.cm.wrap(async () => 1, { tag: 'shelf', key: () => 'Shelf>all', invalidModels: ['Bok'] })
    await cached()
    await f.models.Book.create({ title: 'Dune' })
    await f.models.Book.create({ title: 'Emma' })
    const warnings = f.logger.warn.mock.calls.filter(([, message]) => String(message).includes('"Bok"'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]![1]).toMatch(/'Book'/)
  })

  it('attaching a second adapter for the same Sequelize to one instance is E_ADAPTER; creates invalidate once', async () => {
    const f = fixture()
    await f.cm.attach(sequelizeAdapter(f.sequelize))

    const error = await f.cm.attach(sequelizeAdapter(f.sequelize)).catch((e: unknown) => e)

    expect(error).toMatchObject({ code: 'E_ADAPTER', message: expect.stringMatching(/already attached/) })
    const book = await f.models.Book.create({ title: 'Dune' })
    expect(f.invalidated.filter((key) => key === `Book:${book.id}`)).toHaveLength(1)
  })

  it('detach removes only its own hooks: a hook of the app stays', async () => {
    const f = fixture()
    const seen: string[] = []
    f.sequelize.addHook('afterCreate', 'app-audit', (instance) => {
      seen.push((instance.constructor as { name: string }).name)
    })
    try {
      const detach = await f.cm.attach(sequelizeAdapter(f.sequelize))
      await detach()
      await detach()
      await f.models.Book.create({ title: 'Dune' })
      expect(seen).toEqual(['Book'])
      expect(f.invalidated).toEqual([])
    } finally {
      f.sequelize.removeHook('afterCreate', 'app-audit')
    }
  })

  it("delivery 'background': save() does not wait, a cached read right after in this process is fresh", async () => {
    const f = fixture()
    await f.reattach({ delivery: 'background' })
    const title = f.counted(
      (id: number) => `Book:${id}>title`,
      (id) => [`Book:${id}`],
      async (id) => (await f.models.Book.findByPk(id))?.title ?? null,
    )
    const book = await f.models.Book.create({ title: 'Dune' })
    await title(book.id)
    await book.update({ title: 'Dune Messiah' })
    expect(await title(book.id)).toBe('Dune Messiah')
    f.invalidated.length = 0
    await f.sequelize
      .transaction(async (t) => {
        await book.update({ title: 'never' }, { transaction: t })
        throw new Error('rollback')
      })
      .catch(() => undefined)
    expect(await title(book.id)).toBe('Dune Messiah')
    expect(f.invalidated).toEqual([])
  })

  it('a commit that changed 3 rows and 4 junction rows costs one Redis command', async () => {
    const f = fixture()
    const client = new Redis(redisUrl(), { maxRetriesPerRequest: 1 })
    const monitor = await rawMonitor(redisUrl())
    const marker = new Redis(redisUrl())
    const cm = createCacheme({ storage: new RedisStorage(client), prefix: `t${randomUUID()}:` })
    try {
      await cm.attach(sequelizeAdapter(f.sequelize))
      const addr = /addr=(\S+)/.exec(String(await client.call('CLIENT', 'INFO')))![1]!
      const commands: string[] = []
      const sentinels = new Set<string>()
      monitor.on((source, command, first) => {
        if (source === addr) commands.push(command.toUpperCase())
        if (command.toUpperCase() === 'ECHO' && first !== undefined) sentinels.add(first)
      })
      const settle = async () => {
        const id = randomUUID()
        await marker.echo(id)
        while (!sentinels.has(id)) await new Promise((resolve) => setTimeout(resolve, 5))
      }
      const [b1, b2, b3] = await f.models.Book.bulkCreate([{ title: 'a' }, { title: 'b' }, { title: 'c' }])
      const [u1, u2] = await f.models.User.bulkCreate([{ name: 'ada' }, { name: 'bob' }])
      await settle()
      commands.length = 0

      await f.sequelize.transaction(async (transaction) => {
        for (const book of [b1!, b2!, b3!]) await book.update({ title: `${book.title}!` }, { transaction })
        await b1!.addUsers([u1!.id, u2!.id], { transaction })
        await b2!.addUsers([u1!.id, u2!.id], { transaction })
      })
      await settle()

      expect(commands).toEqual(['EVALSHA'])
    } finally {
      await cm.close()
      client.disconnect()
      monitor.close()
      marker.disconnect()
    }
  })
})

/**
 * `MONITOR` on a plain socket: every command the server executes, with the client address that sent it
 * (`lua` for commands inside scripts). ioredis's own `monitor()` can trip over replies that arrive before
 * its ready check completes ("Command queue state error"), so this reads the protocol lines directly.
 */
async function rawMonitor(url: string) {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  const listeners: ((source: string, command: string, first: string | undefined) => void)[] = []
  let buffer = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => {
    buffer += chunk
    const lines = buffer.split('\r\n')
    buffer = lines.pop() ?? ''
    for (const line of lines) {
      const match = /^\+\S+ \[\d+ (\S+)\] "([^"]+)"(?: "([^"]*)")?/.exec(line)
      if (match) for (const listener of listeners) listener(match[1]!, match[2]!, match[3])
    }
  })
  socket.write('MONITOR\r\n')
  await new Promise<void>((resolve) => {
    const ready = (chunk: string) => {
      if (chunk.includes('+OK')) {
        socket.off('data', ready)
        resolve()
      }
    }
    socket.on('data', ready)
  })
  return {
    on: (listener: (source: string, command: string, first: string | undefined) => void) => {
      listeners.push(listener)
    },
    close: () => socket.destroy(),
  }
}
