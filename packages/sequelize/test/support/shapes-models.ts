/**
 * Schema 2 of the shared suite (real-world shapes, `@cacheme/test-suite` `shapes/harness.ts`) as Sequelize
 * models, written the way Sequelize apps write them:
 *
 * - `Member`: UUID primary key (`DataTypes.UUIDV4`); `friends` a self-referencing `belongsToMany` that
 *   only this side declares (no `paired` association), through `member_friends`; `profile` a `hasOne`.
 * - `Group`: primary key attribute `groupId`, column `group_id`.
 * - `Membership`: the explicit join entity, a model of its own with the composite primary key
 *   `(memberId, groupId)` and a `role`, `belongsTo` both sides (no `belongsToMany` through it: the schema
 *   reads it as an entity, not as links).
 * - `Profile`: `belongsTo(Member)` over a unique `memberId` (one-to-one).
 * - `Post`: auto-increment key and no other unique column; `author` (`belongsTo`, nullable); `tags` a
 *   `belongsToMany(Tag)` that `Tag` does not declare back, through `post_tags`; `comments` a `hasMany`.
 * - `Tag`, `Comment` (`belongsTo(Post)`).
 *
 * Sequelize declares `ON DELETE CASCADE` on both foreign keys of a `belongsToMany` through table by
 * default, and turns SQLite's foreign keys on (`PRAGMA FOREIGN_KEYS=ON`): deleting a tag or a member
 * deletes its links in the database, which no hook reports. Sequelize has no inheritance mapping, so
 * `Content` / `Photo` / `Article` are absent (`singleTableInheritance: false`).
 */
import { DataTypes, type Sequelize } from 'sequelize'

export function defineShapesModels(sequelize: Sequelize) {
  const timestamps = false
  const Member = sequelize.define(
    'Member',
    {
      id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
      name: { type: DataTypes.STRING, allowNull: false },
    },
    { tableName: 'member', timestamps },
  )
  const Group = sequelize.define(
    'Group',
    {
      groupId: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, field: 'group_id' },
      title: { type: DataTypes.STRING, allowNull: false },
    },
    { tableName: 'group', timestamps },
  )
  const Membership = sequelize.define(
    'Membership',
    {
      memberId: { type: DataTypes.UUID, primaryKey: true },
      groupId: { type: DataTypes.INTEGER, primaryKey: true, field: 'group_id' },
      role: { type: DataTypes.STRING, allowNull: false },
    },
    { tableName: 'membership', timestamps },
  )
  const Profile = sequelize.define(
    'Profile',
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      // One-to-one: the owning side's foreign key is unique.
      memberId: { type: DataTypes.UUID, allowNull: false, unique: true },
      bio: { type: DataTypes.STRING, allowNull: false },
    },
    { tableName: 'profile', timestamps },
  )
  const Post = sequelize.define(
    'Post',
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      title: { type: DataTypes.STRING, allowNull: false },
    },
    { tableName: 'post', timestamps },
  )
  const Tag = sequelize.define(
    'Tag',
    { name: { type: DataTypes.STRING, allowNull: false } },
    {
      tableName: 'tag',
      timestamps,
    },
  )
  const Comment = sequelize.define(
    'Comment',
    { body: { type: DataTypes.STRING, allowNull: false } },
    { tableName: 'comment', timestamps },
  )

  Member.belongsToMany(Member, {
    as: 'friends',
    through: 'member_friends',
    foreignKey: 'memberId',
    otherKey: 'friendId',
  })
  Membership.belongsTo(Member, { as: 'member', foreignKey: 'memberId' })
  Membership.belongsTo(Group, { as: 'group', foreignKey: 'groupId' })
  Member.hasOne(Profile, { as: 'profile', foreignKey: 'memberId' })
  Profile.belongsTo(Member, { as: 'member', foreignKey: 'memberId' })
  Post.belongsTo(Member, { as: 'author', foreignKey: { name: 'authorId', allowNull: true } })
  Post.belongsToMany(Tag, { as: 'tags', through: 'post_tags', foreignKey: 'postId', otherKey: 'tagId' })
  Post.hasMany(Comment, { as: 'comments', foreignKey: { name: 'postId', allowNull: false } })
  Comment.belongsTo(Post, { as: 'post', foreignKey: { name: 'postId', allowNull: false } })
  return { Member, Group, Membership, Profile, Post, Tag, Comment }
}

export type ShapesModels = ReturnType<typeof defineShapesModels>
