/**
 * Type tests: enforced by `tsc --noEmit` (the package's test script runs it first). `@ts-expect-error`
 * lines fail the type check if they stop being errors.
 */
import { describe, expectTypeOf, it } from 'vitest'
import { type Cached, type Container, cacheme, createCacheme } from '../../src/index.js'

const cm = createCacheme()

describe('decorator typings', () => {
  it('cm.wrap infers args, result and this from the function', () => {
    const getBook = cm.wrap(async (id: number, lang: string) => ({ id, lang }), {
      key: (c) => {
        expectTypeOf(c.args).toEqualTypeOf<[id: number, lang: string]>()
        return `Book:${c.args[0]}`
      },
      invalidKeys: (c) => {
        expectTypeOf(c.result).toEqualTypeOf<{ id: number; lang: string }>()
        return `Book:${c.result.id}`
      },
      hit: (_key, result) => {
        expectTypeOf(result).toEqualTypeOf<{ id: number; lang: string }>()
      },
      tag: 'getBook',
    })
    expectTypeOf(getBook).toEqualTypeOf<
      Cached<(id: number, lang: string) => Promise<{ id: number; lang: string }>>
    >()
    expectTypeOf(getBook).returns.toEqualTypeOf<Promise<{ id: number; lang: string }>>()
    // @ts-expect-error wrong argument type
    void getBook('1', 'en')
  })

  it('the wrapper form returns a Promise even for sync functions', () => {
    const cached = cm.cacheme({ key: () => 'k' })(function sync(a: number) {
      return a * 2
    })
    expectTypeOf(cached).returns.toEqualTypeOf<Promise<number>>()
    expectTypeOf(cached).parameters.toEqualTypeOf<[a: number]>()
  })

  it('explicit type arguments check the decorated method', () => {
    class Ok {
      @cm.cacheme<[id: number], string, Ok>({ key: (c) => `Ok:${c.args[0].toFixed()}` })
      async load(id: number): Promise<string> {
        return String(id)
      }
    }
    class WrongArgs {
      // @ts-expect-error the method takes a string, the options say number
      @cm.cacheme<[id: number], string>({ key: (c) => `W:${c.args[0]}` })
      async load(id: string): Promise<string> {
        return id
      }
    }
    class NotAsync {
      // @ts-expect-error decorated methods must return a Promise
      @cm.cacheme({ key: () => 'sync' })
      load(): number {
        return 1
      }
    }
    expectTypeOf(new Ok().load).returns.toEqualTypeOf<Promise<string>>()
    void WrongArgs
    void NotAsync
  })

  it('options callbacks are typed from the type arguments', () => {
    cm.cacheme<[book: { id: number; ownerId: number }], { name: string }>({
      key: (c) => `Book:${c.args[0].id}>owner`,
      invalidKeys: (c) => [`User:${c.args[0].ownerId}`, c.result.name],
      // @ts-expect-error skip must return a boolean
      skip: (c: Container<[{ id: number; ownerId: number }]>) => c.args[0].id,
    })
    // @ts-expect-error key must return a string
    cm.cacheme({ key: () => 42 })
  })

  it("one type argument, the method's own type: c.args, c.result (awaited) and the method are typed from it", () => {
    interface Book {
      id: number
      ownerId: number
    }
    class BookSerializer {
      readonly lang = 'en'
      @cm.cacheme<BookSerializer['getOwner']>({
        key: (c) => {
          expectTypeOf(c.args).toEqualTypeOf<[book: Book]>()
          expectTypeOf(c.self).toEqualTypeOf<unknown>() // a method type declares no `this`
          return `Book:${c.args[0].id}>owner`
        },
        invalidKeys: (c) => {
          expectTypeOf(c.result).toEqualTypeOf<{ name: string }>()
          return [`User:${c.args[0].ownerId}`, c.result.name]
        },
        hit: (_key, result) => expectTypeOf(result).toEqualTypeOf<{ name: string }>(),
      })
      async getOwner(book: Book): Promise<{ name: string }> {
        return { name: String(book.ownerId) }
      }

      // An inferred return type works too.
      @cm.cacheme<BookSerializer['getTitle']>({
        key: (c) => `Book:${c.args[0]}>title`,
        invalidKeys: (c) => c.result,
      })
      async getTitle(id: number) {
        return `title ${id}`
      }

      // @ts-expect-error the decorated method does not have the type the options were typed with
      @cm.cacheme<BookSerializer['getOwner']>({ key: (c) => `Book:${c.args[0].id}>x` })
      async other(id: string): Promise<{ name: string }> {
        return { name: id }
      }

      @cm.cacheme<BookSerializer['getOwner']>({
        // @ts-expect-error c.args[0] is a Book, which has no `title`
        key: (c) => `Book:${c.args[0].title}`,
      })
      async third(book: Book): Promise<{ name: string }> {
        return { name: String(book.id) }
      }
    }
    expectTypeOf(new BookSerializer().getOwner).returns.toEqualTypeOf<Promise<{ name: string }>>()
    // @ts-expect-error skip must return a boolean
    cm.cacheme<BookSerializer['getOwner']>({ key: () => 'k', skip: (c) => c.args[0].id })
  })

  it('a function type that declares `this` types c.self; the default instance takes the same forms', () => {
    class Service {
      readonly base = 10
      @cm.cacheme<(this: Service, id: number) => Promise<number>>({
        key: (c) => `S:${c.self.base + c.args[0]}`,
      })
      async load(id: number): Promise<number> {
        return this.base + id
      }
    }
    const loadUser = async (id: number) => ({ id })
    const cached = cacheme<typeof loadUser>({ key: (c) => `U:${c.args[0].toFixed()}`, tag: 'u' })(loadUser)
    expectTypeOf(cached).returns.toEqualTypeOf<Promise<{ id: number }>>()
    cacheme<[id: number], number>({ key: (c) => `U:${c.args[0].toFixed()}` })
    // @ts-expect-error the tuple form still checks the arguments
    cacheme<[id: number]>({ key: (c) => `U:${c.args[0].toUpperCase()}` })
    void Service
  })
})
