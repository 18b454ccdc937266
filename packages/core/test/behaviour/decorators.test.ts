/** The three forms of cm.cacheme(options): legacy decorator, TC39 decorator, wrapper — and cm.wrap. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { type Cacheme, CachemeError, type Container, createCacheme } from '../../src/index.js'
import { makeCacheme } from '../support/fixtures.js'

/** Shape of test/fixtures/tc39/books.ts (compiled separately, so not imported for types). */
interface Tc39Fixture {
  cm: Cacheme
  BookService: { new (): { title(id: number): Promise<string>; all(): Promise<string[]> }; count(): number }
}

/** Compiles test/fixtures/tc39 with plain tsc (once per file run); returns its directory. */
let tc39Dir: string | undefined
function compileTc39Fixtures(): string {
  if (tc39Dir !== undefined) return tc39Dir
  const dir = fileURLToPath(new URL('../fixtures/tc39/', import.meta.url))
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url))
  execFileSync(process.execPath, [tsc, '-p', dir], { stdio: 'pipe' })
  tc39Dir = dir
  return dir
}

describe('decorator forms', () => {
  it('legacy (experimentalDecorators) method decorator caches per key, passes this, registers Class.method', async () => {
    const { cm } = makeCacheme('redis')
    let n = 0
    class Profiles {
      constructor(readonly name: string) {}
      @cm.cacheme<[id: number], string, Profiles>({
        key: (c) => `Profile:${c.args[0]}`,
        invalidKeys: (c) => `User:${c.args[0]}`,
      })
      async profile(id: number): Promise<string> {
        n += 1
        return `${this.name}-${id}`
      }
    }
    expect(cm.tags.list()).toEqual(['Profiles.profile']) // registered before any call
    const p = new Profiles('svc')
    expect(await p.profile(1)).toBe('svc-1')
    expect(await p.profile(1)).toBe('svc-1')
    expect(await p.profile(2)).toBe('svc-2')
    expect(n).toBe(2)
    await cm.invalidate('User:1')
    await p.profile(1)
    expect(n).toBe(3)
  })

  it('legacy static methods are tagged Class.method too', () => {
    const cm = createCacheme()
    class Repo {
      readonly kind = 'repo'
      @cm.cacheme({ key: () => 'Static' })
      static async load(): Promise<number> {
        return 1
      }
    }
    expect(Repo.name).toBe('Repo')
    expect(cm.tags.list()).toEqual(['Repo.load'])
  })

  it('TC39 standard decorators work (compiled by tsc, since vitest on Node 20 cannot transform them)', {
    timeout: 120_000,
  }, async () => {
    const dir = compileTc39Fixtures()
    const fixture = (await import(`${dir}dist/books.js`)) as Tc39Fixture
    const service = new fixture.BookService()
    expect(fixture.cm.tags.list()).toEqual(['allBooks', 'title'])
    const first = await service.title(1)
    expect(await service.title(1)).toBe(first)
    expect(await service.all()).toEqual(['a', 'b'])
    expect(await service.all()).toEqual(['a', 'b'])
    expect(fixture.BookService.count()).toBe(2)
    await fixture.cm.invalidate('Book:1')
    expect(await service.title(1)).not.toBe(first)
    expect(await fixture.cm.tags.get('title')!.keys()).toEqual(['tc39:Book:1>title'])
  })

  it("the core README's TC39 example is its file verbatim, and prints miss, hit and the tag", {
    timeout: 120_000,
  }, async () => {
    const dir = compileTc39Fixtures()
    const text = readFileSync(`${dir}readme.ts`, 'utf8')
    const start = text.indexOf('// #region readme-tc39\n') + '// #region readme-tc39\n'.length
    const snippet = text.slice(start, text.indexOf('// #endregion readme-tc39'))
    expect(snippet.length).toBeGreaterThan(400)
    expect(readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8')).toContain(
      snippet,
    )
    const out = execFileSync(process.execPath, [`${dir}dist/readme.js`], {
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(out.trim().split('\n')).toEqual(['30 EUR', '30 EUR', "[ 'Catalog.price' ]"])
  })

  it('wrapper form keeps the function name and registers its tag at wrap time', async () => {
    const cm = createCacheme()
    async function loadUser(id: number): Promise<{ id: number }> {
      return { id }
    }
    const cached = cm.cacheme<[number], { id: number }>({ key: (c) => `User:${c.args[0]}` })(loadUser)
    expect(cached.name).toBe('loadUser')
    expect(cm.tags.list()).toEqual(['loadUser'])
    expect(await cached(3)).toEqual({ id: 3 })
  })

  it('cm.wrap infers the container from the function and caches', async () => {
    const cm = createCacheme()
    let n = 0
    const getBook = cm.wrap(
      async (id: number, opts: { lang: string }) => {
        n += 1
        return { id, lang: opts.lang }
      },
      { key: (c) => `Book:${c.args[0]}:${c.args[1].lang}`, tag: 'getBook' },
    )
    await getBook(1, { lang: 'en' })
    expect(await getBook(1, { lang: 'en' })).toEqual({ id: 1, lang: 'en' })
    expect(n).toBe(1)
  })

  it('bad options fail at decoration time with E_INVALID_OPTION and say what to fix', () => {
    const cm = createCacheme()
    const attempts: Array<() => unknown> = [
      () => cm.cacheme({} as never),
      () => cm.cacheme({ key: () => 'k', timeout: -1 }),
      () => cm.cacheme({ key: () => 'k', skip: 'yes' as never }),
      () => cm.cacheme({ key: () => 'k', tag: '' }),
      () => cm.cacheme({ key: () => 'k' })(async () => 1),
    ]
    for (const attempt of attempts) {
      let caught: unknown
      try {
        attempt()
      } catch (error) {
        caught = error
      }
      expect(CachemeError.is(caught, 'E_INVALID_OPTION')).toBe(true)
      expect((caught as Error).message).toContain('→')
    }
  })

  it('a throwing key callback is E_INVALID_KEY with the cause attached', async () => {
    const cm = createCacheme()
    const fn = cm.cacheme<[{ id: number } | undefined], number>({
      key: (c: Container<[{ id: number } | undefined]>) => `User:${c.args[0]!.id}`,
    })(async function broken(_user: { id: number } | undefined) {
      return 1
    })
    const error = await fn(undefined).catch((e: unknown) => e)
    expect(CachemeError.is(error, 'E_INVALID_KEY')).toBe(true)
    expect((error as Error).cause).toBeInstanceOf(TypeError)
  })
})
