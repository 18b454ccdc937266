/**
 * The schema-2 harness (real-world shapes, `@cacheme/test-suite` `runShapesSuite`) for Sequelize, on
 * SQLite (in memory) or PostgreSQL (a database of its own, dropped on close).
 *
 * Writes use the model and association API the way Sequelize users write them: `Model.create()`, load +
 * `save()` / `destroy()`, `member.addFriends()` / `post.addTags()` from the only side that declares the
 * relation, comments created through the post (`create(…, { include })`, `post.createComment()`),
 * `Post.upsert()`, `Model.update()` / `Model.destroy()` by criteria. The transaction is passed explicitly
 * (`{ transaction: tx }`). Sequelize maps no inheritance, so there are no `inheritance` operations.
 */
import type { Cacheme } from '@cacheme/core'
import type { AdapterOptions, Detach } from '@cacheme/core/adapter'
import {
  type CommentRow,
  compareIds,
  type Id,
  type MembershipRow,
  type PostRow,
  type ProfileRow,
  type ShapesHarness,
} from '@cacheme/test-suite'
import type { Model, Transaction, WhereOptions } from 'sequelize'
import { sequelizeAdapter } from '../../src/index.js'
import { type Database, openDatabase } from './database.js'
import { defineShapesModels, type ShapesModels } from './shapes-models.js'

/** The association mixins the harness calls (Sequelize types them per model class, `define` does not). */
interface Associations {
  addFriends(ids: string[], options: object): Promise<void>
  getFriends(options: object): Promise<Model[]>
  getProfile(options?: object): Promise<Model | null>
  addTags(ids: number[], options: object): Promise<void>
  getTags(options: object): Promise<Model[]>
  createComment(values: object, options: object): Promise<Model>
}

const mixins = (model: Model) => model as unknown as Associations
const get = <T = unknown>(row: Model, key: string) => row.get(key) as T

export async function sequelizeShapesHarness(database: Database): Promise<ShapesHarness<Transaction>> {
  let models!: ShapesModels
  const { sequelize, reset, close } = await openDatabase(database, (s) => {
    models = defineShapesModels(s)
  })
  const { Member, Group, Membership, Profile, Post, Tag, Comment } = models
  const t = (transaction?: Transaction) => ({ transaction: transaction ?? null })
  const found = { rejectOnEmpty: true } as const
  const n = Number
  const s = String
  const ids = (rows: readonly Model[]) => rows.map((row) => get<Id>(row, 'id')).sort(compareIds)
  const membershipRow = (row: Model): MembershipRow => ({
    memberId: get(row, 'memberId'),
    groupId: get(row, 'groupId'),
    role: get(row, 'role'),
  })
  const profileRow = (row: Model): ProfileRow => ({
    id: get(row, 'id'),
    memberId: get(row, 'memberId'),
    bio: get(row, 'bio'),
  })
  const postRow = (row: Model): PostRow => ({
    id: get(row, 'id'),
    title: get(row, 'title'),
    authorId: get<Id | null>(row, 'authorId') ?? null,
  })
  const commentRow = (row: Model): CommentRow => ({
    id: get(row, 'id'),
    postId: get(row, 'postId'),
    body: get(row, 'body'),
  })
  const membership = (memberId: Id, groupId: Id, tx?: Transaction) =>
    Membership.findOne({ where: { memberId: s(memberId), groupId: n(groupId) }, ...t(tx), ...found })

  return {
    setup: reset,
    teardown: async () => {},
    close,
    attach: (cm: Cacheme, options?: AdapterOptions): Promise<Detach> =>
      cm.attach(sequelizeAdapter(sequelize, options)),

    async createMember(name, tx) {
      const member = await Member.create({ name }, t(tx))
      return { id: get(member, 'id'), name: get(member, 'name') }
    },
    async updateMember(id, { name }, tx) {
      const member = await Member.findByPk(s(id), { ...t(tx), ...found })
      member.set('name', name)
      await member.save(t(tx))
    },
    async removeMember(id, tx) {
      await (await Member.findByPk(s(id), { ...t(tx), ...found })).destroy(t(tx))
    },
    async addFriends(memberId, friendIds, tx) {
      const member = await Member.findByPk(s(memberId), { ...t(tx), ...found })
      await mixins(member).addFriends(friendIds.map(s), t(tx))
    },
    async readMember(id) {
      const member = await Member.findByPk(s(id))
      return member && { id: get(member, 'id'), name: get(member, 'name') }
    },
    async readFriends(memberId) {
      const member = await Member.findByPk(s(memberId))
      if (!member) return []
      return ids(await mixins(member).getFriends({ attributes: ['id'], joinTableAttributes: [] }))
    },

    async createGroup(title, tx) {
      const group = await Group.create({ title }, t(tx))
      return { groupId: get(group, 'groupId'), title: get(group, 'title') }
    },
    async updateGroup(groupId, { title }, tx) {
      const group = await Group.findByPk(n(groupId), { ...t(tx), ...found })
      group.set('title', title)
      await group.save(t(tx))
    },
    async readGroup(groupId) {
      const group = await Group.findByPk(n(groupId))
      return group && { groupId: get(group, 'groupId'), title: get(group, 'title') }
    },
    async createMembership({ memberId, groupId, role }, tx) {
      return membershipRow(
        await Membership.create({ memberId: s(memberId), groupId: n(groupId), role }, t(tx)),
      )
    },
    async updateMembership(memberId, groupId, { role }, tx) {
      const row = await membership(memberId, groupId, tx)
      row.set('role', role)
      await row.save(t(tx))
    },
    async removeMembership(memberId, groupId, tx) {
      await (await membership(memberId, groupId, tx)).destroy(t(tx))
    },
    async readMembership(memberId, groupId) {
      const row = await Membership.findOne({ where: { memberId: s(memberId), groupId: n(groupId) } })
      return row && membershipRow(row)
    },
    async readGroupMemberships(groupId) {
      const rows = await Membership.findAll({ where: { groupId: n(groupId) } })
      return rows.map(membershipRow).sort((a, b) => compareIds(a.memberId, b.memberId))
    },

    async createProfile(memberId, bio, tx) {
      return profileRow(await Profile.create({ memberId: s(memberId), bio }, t(tx)))
    },
    async updateProfile(id, { bio }, tx) {
      const profile = await Profile.findByPk(n(id), { ...t(tx), ...found })
      profile.set('bio', bio)
      await profile.save(t(tx))
    },
    async readProfileOf(memberId) {
      const member = await Member.findByPk(s(memberId))
      const profile = member && (await mixins(member).getProfile())
      return profile ? profileRow(profile) : null
    },

    async createTag(name, tx) {
      const tag = await Tag.create({ name }, t(tx))
      return { id: get(tag, 'id'), name: get(tag, 'name') }
    },
    async removeTag(id, tx) {
      await (await Tag.findByPk(n(id), { ...t(tx), ...found })).destroy(t(tx))
    },
    async bulkDeleteTags({ name }, tx) {
      await Tag.destroy({ where: { name }, ...t(tx) })
    },
    async readTag(id) {
      const tag = await Tag.findByPk(n(id))
      return tag && { id: get(tag, 'id'), name: get(tag, 'name') }
    },
    async createPost({ title, authorId = null, comments = [] }, tx) {
      const post = await Post.create(
        {
          title,
          authorId: authorId === null ? null : s(authorId),
          comments: comments.map((body) => ({ body })),
        },
        { include: [{ association: 'comments' }], ...t(tx) },
      )
      return { ...postRow(post), commentIds: get<Model[]>(post, 'comments').map((c) => get<Id>(c, 'id')) }
    },
    async updatePost(id, { title }, tx) {
      const post = await Post.findByPk(n(id), { ...t(tx), ...found })
      post.set('title', title)
      await post.save(t(tx))
    },
    async addTagsToPost(postId, tagIds, tx) {
      const post = await Post.findByPk(n(postId), { ...t(tx), ...found })
      await mixins(post).addTags(tagIds.map(n), t(tx))
    },
    async addComment(postId, body, tx) {
      const post = await Post.findByPk(n(postId), {
        include: [{ association: 'comments' }],
        ...t(tx),
        ...found,
      })
      return commentRow(await mixins(post).createComment({ body }, t(tx)))
    },
    async upsertPost({ id, title }, tx) {
      await Post.upsert({ id: n(id), title }, t(tx))
    },
    async bulkUpdatePosts(criteria, { title }, tx) {
      const where: WhereOptions = {
        ...(criteria.authorId === undefined ? {} : { authorId: s(criteria.authorId) }),
        ...(criteria.title === undefined ? {} : { title: criteria.title }),
      }
      await Post.update({ title }, { where, ...t(tx) })
    },
    async readPost(id) {
      const post = await Post.findByPk(n(id))
      return post && postRow(post)
    },
    async readPosts() {
      return (await Post.findAll({ order: [['id', 'ASC']] })).map(postRow)
    },
    async readPostTags(postId) {
      const post = await Post.findByPk(n(postId))
      if (!post) return []
      return ids(await mixins(post).getTags({ attributes: ['id'], joinTableAttributes: [] }))
    },
    async readComment(id) {
      const comment = await Comment.findByPk(n(id))
      return comment && commentRow(comment)
    },
    async readComments(postId) {
      return (await Comment.findAll({ where: { postId: n(postId) }, order: [['id', 'ASC']] })).map(commentRow)
    },

    transaction: (fn) => sequelize.transaction((tx) => fn(tx)),
  }
}
