/**
 * A schema of the shapes Sequelize apps have and schema 1 does not: a paranoid model with a default scope
 * and a primary key not called `id` (column `reader_id`), a string primary key, an explicit through model
 * with a column of its own and custom `foreignKey` / `otherKey` (underscored columns) behind a default
 * scope, a `hasMany`, a model with a unique column besides its key, and a `cacheKey` getter that depends
 * on a column other than the key.
 */
import { DataTypes, Model, type Sequelize } from 'sequelize'

export function defineShapes(sequelize: Sequelize) {
  const Reader = sequelize.define(
    'Reader',
    {
      readerId: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, field: 'reader_id' },
      name: { type: DataTypes.STRING, allowNull: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    },
    {
      tableName: 'reader',
      paranoid: true,
      defaultScope: { where: { active: true } },
      scopes: { inactive: { where: { active: false } } },
    },
  )
  const Course = sequelize.define(
    'Course',
    { code: { type: DataTypes.STRING, primaryKey: true }, title: { type: DataTypes.STRING } },
    { tableName: 'course', timestamps: false },
  )
  const Enrollment = sequelize.define(
    'Enrollment',
    {
      grade: { type: DataTypes.STRING, allowNull: false, defaultValue: 'none' },
      hidden: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    },
    { tableName: 'enrollment', underscored: true, defaultScope: { where: { hidden: false } } },
  )
  Reader.belongsToMany(Course, {
    through: Enrollment,
    as: 'courses',
    foreignKey: 'student',
    otherKey: 'course',
  })
  Course.belongsToMany(Reader, {
    through: Enrollment,
    as: 'students',
    foreignKey: 'course',
    otherKey: 'student',
  })
  const Note = sequelize.define('Note', { body: { type: DataTypes.STRING } }, { tableName: 'note' })
  Reader.hasMany(Note, { as: 'notes', foreignKey: 'readerRef' })
  const Tag = sequelize.define(
    'Tag',
    { slug: { type: DataTypes.STRING, unique: true }, uses: { type: DataTypes.INTEGER, defaultValue: 0 } },
    { tableName: 'tag', timestamps: false },
  )
  class Page extends Model {
    declare id: number
    declare slug: string
    /** Keys by a column other than the primary key: an update of `slug` changes the key. */
    get cacheKey(): string {
      return `Page:${this.slug}`
    }
  }
  Page.init({ slug: { type: DataTypes.STRING } }, { sequelize, modelName: 'Page', tableName: 'page' })
  return { Reader, Course, Enrollment, Note, Tag, Page }
}

export type Shapes = ReturnType<typeof defineShapes>
