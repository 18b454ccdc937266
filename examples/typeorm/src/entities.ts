/** The example's entities: User and Book (owner → User), Book.readers ↔ User.books (owning side Book.readers). */
import { Column, Entity, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn } from 'typeorm'

@Entity()
export class User {
  @PrimaryGeneratedColumn()
  id: number

  @Column()
  name: string

  @ManyToMany(
    () => Book,
    (book) => book.readers,
  )
  books: Book[]
}

@Entity()
export class Book {
  @PrimaryGeneratedColumn()
  id: number

  @Column()
  title: string

  @ManyToOne(() => User, { eager: true })
  owner: User

  @ManyToMany(
    () => User,
    (user) => user.books,
  )
  @JoinTable()
  readers: User[]
}
