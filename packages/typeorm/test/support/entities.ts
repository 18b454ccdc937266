/**
 * The conformance suite's schema (see `@cacheme/test-suite`'s harness.ts) as TypeORM entities. Column
 * types are explicit so the schema does not depend on emitted decorator metadata.
 */
import 'reflect-metadata'
import {
  Column,
  DeleteDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm'

@Entity('User')
export class User {
  @PrimaryGeneratedColumn()
  id!: number

  @Column({ type: 'varchar' })
  name!: string

  @ManyToMany(
    () => Book,
    (book) => book.users,
  )
  books!: Book[]

  /** The seed's model property, as a list: the suite checks that `Person:<id>` is invalidated too. */
  get cacheKey(): string[] {
    return [`User:${this.id}`, `Person:${this.id}`]
  }
}

@Entity('Book')
export class Book {
  @PrimaryGeneratedColumn()
  id!: number

  @Column({ type: 'varchar' })
  title!: string

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  owner!: User | null

  /** Owning side: the junction table belongs to `Book.users`. */
  @ManyToMany(
    () => User,
    (user) => user.books,
  )
  @JoinTable()
  users!: User[]

  @DeleteDateColumn({ nullable: true })
  deletedAt!: Date | null
}

/** Only in the TypeORM-specific tests: an entity with a unique column other than its primary key. */
@Entity('Tag')
export class Tag {
  @PrimaryGeneratedColumn()
  id!: number

  @Column({ type: 'varchar', unique: true })
  slug!: string

  @Column({ type: 'varchar' })
  title!: string

  @Column({ type: 'int', default: 0 })
  uses!: number
}
