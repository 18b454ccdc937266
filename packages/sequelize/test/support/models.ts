/**
 * The conformance suite's schema (see `@cacheme/test-suite`'s harness.ts) as Sequelize models:
 * `User` with the seed's `cacheKey` getter (a list), `Book` (paranoid: `destroy()` soft-deletes) with a
 * nullable `owner`, and `Book.users` ↔ `User.books` over the through model Sequelize generates
 * (`BookUsers`). `Book` is defined first, so `Book.users` is the owning side.
 */
import {
  type BelongsToManyAddAssociationsMixin,
  type BelongsToManyGetAssociationsMixin,
  type BelongsToManyRemoveAssociationsMixin,
  type BelongsToManySetAssociationsMixin,
  type CreationOptional,
  DataTypes,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize'

/** The suite's models, defined afresh on each Sequelize instance (a model class belongs to one). */
export function defineSuiteModels(sequelize: Sequelize) {
  class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
    declare id: CreationOptional<number>
    declare title: string
    declare ownerId: ForeignKey<number> | null
    declare getUsers: BelongsToManyGetAssociationsMixin<User>
    declare addUsers: BelongsToManyAddAssociationsMixin<User, number>
    declare removeUsers: BelongsToManyRemoveAssociationsMixin<User, number>
    declare setUsers: BelongsToManySetAssociationsMixin<User, number>
  }

  class User extends Model<
    InferAttributes<User, { omit: 'cacheKey' }>,
    InferCreationAttributes<User, { omit: 'cacheKey' }>
  > {
    declare id: CreationOptional<number>
    declare name: string
    declare getBooks: BelongsToManyGetAssociationsMixin<Book>
    declare addBooks: BelongsToManyAddAssociationsMixin<Book, number>
    declare removeBooks: BelongsToManyRemoveAssociationsMixin<Book, number>
    declare setBooks: BelongsToManySetAssociationsMixin<Book, number>

    /** The seed's model property, as a list: the suite checks that `Person:<id>` is invalidated too. */
    get cacheKey(): string[] {
      return [`User:${this.id}`, `Person:${this.id}`]
    }
  }

  const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true }
  Book.init(
    { id, title: { type: DataTypes.STRING, allowNull: false } },
    { sequelize, modelName: 'Book', tableName: 'Book', paranoid: true },
  )
  User.init(
    { id, name: { type: DataTypes.STRING, allowNull: false } },
    { sequelize, modelName: 'User', tableName: 'User' },
  )
  Book.belongsTo(User, { as: 'owner', foreignKey: 'ownerId', onDelete: 'SET NULL' })
  Book.belongsToMany(User, { through: 'BookUsers', as: 'users', foreignKey: 'BookId', otherKey: 'UserId' })
  User.belongsToMany(Book, { through: 'BookUsers', as: 'books', foreignKey: 'UserId', otherKey: 'BookId' })
  return { Book, User }
}

export type SuiteModels = ReturnType<typeof defineSuiteModels>
