/** The consistency harness's rows, seed and write kinds — ORM-independent (see `orm-driver.ts`). */
import { Random } from '../stats/random.js'

export interface AuthorRow {
  readonly id: number
  readonly version: number
  readonly name: string
}

export interface PostRow {
  readonly id: number
  readonly version: number
  readonly authorId: number
  readonly title: string
}

export interface SeedData {
  readonly authors: readonly AuthorRow[]
  readonly posts: readonly PostRow[]
}

/**
 * The write kinds, each through a different ORM code path:
 * - `save-post`, `save-author`: `save()` of one entity (the ORM wraps it in its own transaction);
 * - `move-post`: a transaction that gives a post another author;
 * - `tx-two`: a transaction writing a post and an author;
 * - `nested`: a transaction with a nested one (a savepoint) doing the write;
 * - `qb-update`: a query-builder UPDATE with no entity (the adapter invalidates the whole model);
 * - `rollback`: a transaction that writes, then throws: nothing may be invalidated or published.
 */
export const WRITE_KINDS = [
  'save-post',
  'save-author',
  'move-post',
  'tx-two',
  'nested',
  'qb-update',
  'rollback',
] as const
export type WriteKind = (typeof WRITE_KINDS)[number]

/** Ids start at 1; every row starts at version 1. */
export function seedData(authors: number, posts: number, seed: number): SeedData {
  const random = new Random(seed)
  return {
    authors: Array.from({ length: authors }, (_, i) => ({ id: i + 1, version: 1, name: `author ${i + 1}` })),
    posts: Array.from({ length: posts }, (_, i) => ({
      id: i + 1,
      version: 1,
      authorId: 1 + random.int(authors),
      title: `post ${i + 1}`,
    })),
  }
}

/** Which worker owns (is the only writer of) row `id`. */
export function ownerOf(id: number, workers: number): number {
  return id % workers
}
