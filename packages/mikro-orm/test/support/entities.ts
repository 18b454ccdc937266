/**
 * The conformance suite's schema (see `@cacheme/test-suite`'s harness.ts) as MikroORM entities: plain
 * classes (so that `User` has the seed's `cacheKey` getter and entities are `instanceof` their class)
 * mapped with `EntitySchema` — no decorators, no reflect-metadata.
 */
import { Collection, EntitySchema, OptionalProps } from '@mikro-orm/core'

export class User {
  /** Not a column: a getter (MikroORM's `OptionalProps` keeps it out of `em.create()`'s required data). */
  declare [OptionalProps]?: 'cacheKey' | 'books'
  id!: number
  name!: string
  books = new Collection<Book>(this)

  /** The seed's model property, as a list: the suite checks that `Person:<id>` is invalidated too. */
  get cacheKey(): string[] {
    return [`User:${this.id}`, `Person:${this.id}`]
  }
}

export class Book {
  declare [OptionalProps]?: 'users' | 'owner'
  id!: number
  title!: string
  owner?: User | null
  /** Owning side: the pivot table belongs to `Book.users`. */
  users = new Collection<User>(this)
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'user',
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    name: { type: 'string' },
    books: { kind: 'm:n', entity: () => Book, mappedBy: 'users' },
    // The getter is not mapped; EntitySchema's type asks for every class member, hence the cast.
  } as never,
})

export const BookSchema = new EntitySchema<Book>({
  class: Book,
  tableName: 'book',
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    title: { type: 'string' },
    owner: { kind: 'm:1', entity: () => User, nullable: true, deleteRule: 'set null' },
    users: { kind: 'm:n', entity: () => User, inversedBy: 'books', owner: true },
  },
})

/** The suite's entities, typed the way `MikroORM.init({ entities })` takes them. */
export const suiteEntities: EntitySchema[] = [UserSchema as EntitySchema, BookSchema as EntitySchema]
