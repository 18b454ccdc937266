/**
 * The "decorators and their types" example of packages/core/README.md, verbatim between the region
 * markers (test/readme.test.ts checks that the README contains it, and runs this file).
 */
// #region readme-forms
import { createCacheme } from '@cacheme/core'

interface Book {
  id: number
  ownerId: number
}
const cm = createCacheme() // the embedded MemoryStorage

class BookSerializer {
  lang = 'en'

  // The method's own type as the one type argument: c.args is [book: Book], c.result is { name: string }.
  @cm.cacheme<BookSerializer['getOwner']>({
    key: (c) => `Book:${c.args[0].id}>owner`,
    invalidKeys: (c) => [`User:${c.args[0].ownerId}`, `Owner:${c.result.name}`],
  })
  async getOwner(book: Book): Promise<{ name: string }> {
    return { name: `owner of ${book.id}` }
  }

  // Or spelled out as <Args, Result, This>, which also types c.self.
  @cm.cacheme<[book: Book], string, BookSerializer>({
    key: (c) => `Book:${c.args[0].id}>title-${c.self.lang}`,
  })
  async getTitle(book: Book): Promise<string> {
    return `${this.lang} title of ${book.id}`
  }
}

// A plain function: wrap it, and every type is inferred.
const countBooks = cm.wrap(
  async function countBooks(shelf: number) {
    return shelf * 10 // imagine SELECT count(*)
  },
  { key: (c) => `Shelf:${c.args[0]}>count`, invalidModels: ['Book'] }, // gone whenever any Book changes
)

const serializer = new BookSerializer()
console.log(await serializer.getOwner({ id: 1, ownerId: 2 })) // { name: 'owner of 1' }
console.log(await serializer.getTitle({ id: 1, ownerId: 2 })) // en title of 1
console.log(await countBooks(3)) // 30
console.log(cm.tags.list()) // [ 'BookSerializer.getOwner', 'BookSerializer.getTitle', 'countBooks' ]
// #endregion readme-forms
