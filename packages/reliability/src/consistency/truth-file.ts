/**
 * The ground truth shared by the consistency harness's processes: for every row, the newest version
 * whose committing ORM call has *resolved*, published by the row's only writer right after it resolved,
 * in a small file every process reads before each read.
 *
 * Why a file: the processes are separate OS processes, and the check must be exact — "a read that starts
 * after the commit resolved, anywhere". `pwrite` of one aligned 4-byte slot and `pread` of the whole file
 * go through the kernel's page cache, so a value written by one process is visible to the next `pread`
 * of every other process at once, without a round trip through another service (which would itself
 * need checking). One writer per slot, values only grow.
 *
 * Layout: `authors` Int32 slots (version), then `posts` Int32 slots (`version << 10 | authorId`, so a
 * post's version and its author change together in one aligned store). Ids are 1-based.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs'
import type { SeedData } from './schema.js'

const AUTHOR_BITS = 10
const MAX_AUTHORS = 1 << AUTHOR_BITS

/** A snapshot of the floors, as read at one instant. */
export class Floors {
  readonly #slots: Int32Array
  readonly #authors: number

  constructor(slots: Int32Array, authors: number) {
    this.#slots = slots
    this.#authors = authors
  }

  authorVersion(id: number): number {
    return this.#slots[id - 1]!
  }

  postVersion(id: number): number {
    return this.#slots[this.#authors + id - 1]! >>> AUTHOR_BITS
  }

  postAuthor(id: number): number {
    return this.#slots[this.#authors + id - 1]! & (MAX_AUTHORS - 1)
  }
}

export class TruthFile {
  readonly #fd: number
  readonly #authors: number
  readonly #posts: number
  readonly #buffer: Buffer

  private constructor(fd: number, authors: number, posts: number) {
    this.#fd = fd
    this.#authors = authors
    this.#posts = posts
    this.#buffer = Buffer.alloc((authors + posts) * 4)
  }

  /** Creates the file with the seed's versions (coordinator). */
  static create(path: string, seed: SeedData): TruthFile {
    if (seed.authors.length >= MAX_AUTHORS) throw new Error(`at most ${MAX_AUTHORS - 1} authors`)
    const file = new TruthFile(openSync(path, 'w+'), seed.authors.length, seed.posts.length)
    for (const author of seed.authors) file.publishAuthor(author.id, author.version)
    for (const post of seed.posts) file.publishPost(post.id, post.version, post.authorId)
    return file
  }

  /** Opens an existing file (workers). */
  static open(path: string, authors: number, posts: number): TruthFile {
    return new TruthFile(openSync(path, 'r+'), authors, posts)
  }

  publishAuthor(id: number, version: number): void {
    this.#write(id - 1, version)
  }

  publishPost(id: number, version: number, authorId: number): void {
    this.#write(this.#authors + id - 1, (version << AUTHOR_BITS) | authorId)
  }

  /** Reads every floor now. */
  read(): Floors {
    const bytes = this.#buffer.length
    if (readSync(this.#fd, this.#buffer, 0, bytes, 0) !== bytes)
      throw new Error('short read of the truth file')
    const slots = new Int32Array(this.#authors + this.#posts)
    for (let i = 0; i < slots.length; i += 1) slots[i] = this.#buffer.readInt32LE(i * 4)
    return new Floors(slots, this.#authors)
  }

  close(): void {
    closeSync(this.#fd)
  }

  #write(slot: number, value: number): void {
    const word = Buffer.alloc(4)
    word.writeInt32LE(value)
    if (writeSync(this.#fd, word, 0, 4, slot * 4) !== 4) throw new Error('short write to the truth file')
  }
}
