/**
 * The example's database: `User` (`id`, `name`), `Book` (`id`, `title`, `owner` → User) and the
 * many-to-many `Book.readers` ↔ `User.books` (owning side `Book.readers`, through table `BookReaders`).
 *
 * SQLite file by default (`./data/sequelize.sqlite` under the example, recreated on every start), or
 * PostgreSQL when `DATABASE_URL` is set (the tables are recreated there too: run it on a scratch database).
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type BelongsToManyAddAssociationMixin,
  type BelongsToManyGetAssociationsMixin,
  type BelongsToManyRemoveAssociationMixin,
  type CreationOptional,
  DataTypes,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  Sequelize,
} from 'sequelize'

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>
  declare name: string
}

export class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
  declare id: CreationOptional<number>
  declare title: string
  declare ownerId: ForeignKey<number>
  declare getReaders: BelongsToManyGetAssociationsMixin<User>
  declare addReader: BelongsToManyAddAssociationMixin<User, number>
  declare removeReader: BelongsToManyRemoveAssociationMixin<User, number>
}

export interface Db {
  readonly sequelize: Sequelize
  readonly User: typeof User
  readonly Book: typeof Book
  /** Where the data lives, for the log: the SQLite file or the PostgreSQL host. */
  readonly where: string
  /** Recreates the tables and inserts 2 users and 1 book (owner: the first user). */
  seed(): Promise<{ users: [User, User]; book: Book }>
  close(): Promise<void>
}

export const defaultFile = fileURLToPath(new URL('../data/sequelize.sqlite', import.meta.url))

/** Opens the database (a class can be bound to one Sequelize instance: open one Db per process). */
export function openDb(options: { databaseUrl?: string; file?: string } = {}): Db {
  const file = options.file ?? defaultFile
  let sequelize: Sequelize
  if (options.databaseUrl) {
    sequelize = new Sequelize(options.databaseUrl, { dialect: 'postgres', logging: false })
  } else {
    mkdirSync(dirname(file), { recursive: true })
    sequelize = new Sequelize({ dialect: 'sqlite', storage: file, logging: false })
  }
  User.init(
    { id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true }, name: DataTypes.STRING },
    { sequelize, modelName: 'User' },
  )
  Book.init(
    { id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true }, title: DataTypes.STRING },
    { sequelize, modelName: 'Book' },
  )
  Book.belongsTo(User, { as: 'owner', foreignKey: 'ownerId' })
  Book.belongsToMany(User, { through: 'BookReaders', as: 'readers' })
  User.belongsToMany(Book, { through: 'BookReaders', as: 'books' })
  return {
    sequelize,
    User,
    Book,
    where: options.databaseUrl ? `PostgreSQL at ${new URL(options.databaseUrl).host}` : `SQLite file ${file}`,
    async seed() {
      await sequelize.sync({ force: true })
      const ada = await User.create({ name: 'Ada' })
      const alan = await User.create({ name: 'Alan' })
      const book = await Book.create({ title: 'Notes', ownerId: ada.id })
      return { users: [ada, alan], book }
    },
    close: () => sequelize.close(),
  }
}
