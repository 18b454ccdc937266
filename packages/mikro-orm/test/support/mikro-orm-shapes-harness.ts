/**
 * The schema-2 harness (real-world shapes, `@cacheme/test-suite`'s `runShapesSuite`) for MikroORM, on
 * SQLite or PostgreSQL (see `database.ts`: a WAL file with a pool of its own, or a fresh schema).
 *
 * Writes use the unit of work the way MikroORM users write them: a fresh `em.fork()` per operation, load,
 * change, `flush()`; links through `Collection.add()` on the owning side; comments created as nested data
 * of the post (`em.create(Post, { comments: [...] })`) or added to `post.comments`, persisted by the
 * one-to-many's `Cascade.PERSIST`; `em.upsert()`; writes by criteria through `em.nativeUpdate()` /
 * `em.nativeDelete()`. Inside the suite's transactions the transactional `EntityManager` is the `tx`.
 */
import {
  type CommentRow,
  type ContentRow,
  compareIds,
  type Id,
  type InheritanceHarness,
  type MembershipRow,
  type PostRow,
  type ProfileRow,
  type ShapesHarness,
} from '@cacheme/test-suite'
import type { EntityManager, FilterQuery } from '@mikro-orm/core'
import { type Database, openOrm } from './database.js'
import { lifecycle } from './mikro-orm-harness.js'
import {
  Article,
  Comment,
  Content,
  Group,
  Member,
  Membership,
  Photo,
  Post,
  Profile,
  shapeEntities,
  Tag,
} from './shapes-entities.js'

export async function mikroOrmShapesHarness(database: Database): Promise<ShapesHarness<EntityManager>> {
  const opened = await openOrm(database, shapeEntities)
  const { orm } = opened
  const m = (tx?: EntityManager): EntityManager => tx ?? orm.em.fork()
  const read = (): EntityManager => orm.em.fork()
  const n = Number
  const s = String
  const ids = (rows: readonly { id: Id }[]) => rows.map((row) => row.id).sort(compareIds)

  const postRow = (post: Post): PostRow => ({
    id: post.id,
    title: post.title,
    authorId: post.author?.id ?? null,
  })
  const commentRow = (comment: Comment): CommentRow => ({
    id: comment.id,
    postId: comment.post.id,
    body: comment.body,
  })
  const profileRow = (profile: Profile): ProfileRow => ({
    id: profile.id,
    memberId: profile.member.id,
    bio: profile.bio,
  })
  const membershipRow = (row: Membership): MembershipRow => ({
    memberId: row.member.id,
    groupId: row.group.groupId,
    role: row.role,
  })
  const contentRow = (row: Content): ContentRow => ({
    id: row.id,
    kind: row instanceof Photo ? 'photo' : 'article',
    title: row.title,
  })
  const membership = (em: EntityManager, memberId: Id, groupId: Id) =>
    em.findOneOrFail(Membership, { member: s(memberId), group: n(groupId) })

  const inheritance: InheritanceHarness<EntityManager> = {
    async createPhoto({ title, url }, tx) {
      const em = m(tx)
      const photo = em.create(Photo, { title, url })
      await em.flush()
      return contentRow(photo)
    },
    async createArticle({ title, body }, tx) {
      const em = m(tx)
      const article = em.create(Article, { title, body })
      await em.flush()
      return contentRow(article)
    },
    async updatePhoto(id, { title }, tx) {
      const em = m(tx)
      ;(await em.findOneOrFail(Photo, n(id))).title = title
      await em.flush()
    },
    async updateContent(id, { title }, tx) {
      const em = m(tx)
      ;(await em.findOneOrFail(Content, n(id))).title = title
      await em.flush()
    },
    async bulkUpdateContents(where, changes, tx) {
      await m(tx).nativeUpdate(Content, { title: where.title }, { title: changes.title })
    },
    async bulkUpdatePhotos(where, changes, tx) {
      await m(tx).nativeUpdate(Photo, { title: where.title }, { title: changes.title })
    },
    async readContent(id) {
      const row = await read().findOne(Content, n(id))
      return row && contentRow(row)
    },
    async readPhoto(id) {
      const row = await read().findOne(Photo, n(id))
      return row && contentRow(row)
    },
    async readContents() {
      return (await read().find(Content, {}, { orderBy: { id: 'asc' } })).map(contentRow)
    },
    async readArticles() {
      return (await read().find(Article, {}, { orderBy: { id: 'asc' } })).map(contentRow)
    },
  }

  return {
    ...lifecycle(opened),

    async createMember(name, tx) {
      const em = m(tx)
      const member = em.create(Member, { name })
      await em.flush()
      return { id: member.id, name: member.name }
    },
    async updateMember(id, { name }, tx) {
      const em = m(tx)
      ;(await em.findOneOrFail(Member, s(id))).name = name
      await em.flush()
    },
    async removeMember(id, tx) {
      const em = m(tx)
      await em.remove(await em.findOneOrFail(Member, s(id))).flush()
    },
    async addFriends(memberId, friendIds, tx) {
      const em = m(tx)
      const member = await em.findOneOrFail(Member, s(memberId), { populate: ['friends'] })
      member.friends.add(friendIds.map((id) => em.getReference(Member, s(id))))
      await em.flush()
    },
    async readMember(id) {
      const member = await read().findOne(Member, s(id))
      return member && { id: member.id, name: member.name }
    },
    async readFriends(memberId) {
      const member = await read().findOne(Member, s(memberId), { populate: ['friends'] })
      return member ? ids(member.friends.getItems()) : []
    },

    async createGroup(title, tx) {
      const em = m(tx)
      const group = em.create(Group, { title })
      await em.flush()
      return { groupId: group.groupId, title: group.title }
    },
    async updateGroup(groupId, { title }, tx) {
      const em = m(tx)
      ;(await em.findOneOrFail(Group, n(groupId))).title = title
      await em.flush()
    },
    async readGroup(groupId) {
      const group = await read().findOne(Group, n(groupId))
      return group && { groupId: group.groupId, title: group.title }
    },
    async createMembership({ memberId, groupId, role }, tx) {
      const em = m(tx)
      const row = em.create(Membership, {
        member: em.getReference(Member, s(memberId)),
        group: em.getReference(Group, n(groupId)),
        role,
      })
      await em.flush()
      return membershipRow(row)
    },
    async updateMembership(memberId, groupId, { role }, tx) {
      const em = m(tx)
      ;(await membership(em, memberId, groupId)).role = role
      await em.flush()
    },
    async removeMembership(memberId, groupId, tx) {
      const em = m(tx)
      await em.remove(await membership(em, memberId, groupId)).flush()
    },
    async readMembership(memberId, groupId) {
      const row = await read().findOne(Membership, { member: s(memberId), group: n(groupId) })
      return row && membershipRow(row)
    },
    async readGroupMemberships(groupId) {
      const rows = await read().find(Membership, { group: n(groupId) })
      return rows.map(membershipRow).sort((a, b) => compareIds(a.memberId, b.memberId))
    },

    async createProfile(memberId, bio, tx) {
      const em = m(tx)
      const profile = em.create(Profile, { bio, member: em.getReference(Member, s(memberId)) })
      await em.flush()
      return profileRow(profile)
    },
    async updateProfile(id, { bio }, tx) {
      const em = m(tx)
      ;(await em.findOneOrFail(Profile, n(id))).bio = bio
      await em.flush()
    },
    async readProfileOf(memberId) {
      const profile = await read().findOne(Profile, { member: s(memberId) })
      return profile && profileRow(profile)
    },

    async createTag(name, tx) {
      const em = m(tx)
      const tag = em.create(Tag, { name })
      await em.flush()
      return { id: tag.id, name: tag.name }
    },
    async removeTag(id, tx) {
      const em = m(tx)
      await em.remove(await em.findOneOrFail(Tag, n(id))).flush()
    },
    async bulkDeleteTags({ name }, tx) {
      await m(tx).nativeDelete(Tag, { name })
    },
    async readTag(id) {
      const tag = await read().findOne(Tag, n(id))
      return tag && { id: tag.id, name: tag.name }
    },
    async createPost({ title, authorId = null, comments = [] }, tx) {
      const em = m(tx)
      const author = authorId === null ? null : em.getReference(Member, s(authorId))
      // Nested data: MikroORM creates the comments and persists them through the post's cascade.
      const post = em.create(Post, { title, author, comments: comments.map((body) => ({ body })) })
      await em.flush()
      return { ...postRow(post), commentIds: post.comments.getItems().map((comment) => comment.id) }
    },
    async updatePost(id, { title }, tx) {
      const em = m(tx)
      ;(await em.findOneOrFail(Post, n(id))).title = title
      await em.flush()
    },
    async addTagsToPost(postId, tagIds, tx) {
      const em = m(tx)
      const post = await em.findOneOrFail(Post, n(postId), { populate: ['tags'] })
      post.tags.add(tagIds.map((id) => em.getReference(Tag, n(id))))
      await em.flush()
    },
    async addComment(postId, body, tx) {
      const em = m(tx)
      const post = await em.findOneOrFail(Post, n(postId), { populate: ['comments'] })
      // Not persisted on its own: the flush reaches it through `post.comments` (Cascade.PERSIST).
      const comment = em.create(Comment, { body, post }, { persist: false })
      post.comments.add(comment)
      await em.flush()
      return commentRow(comment)
    },
    async upsertPost({ id, title }, tx) {
      await m(tx).upsert(Post, { id: n(id), title })
    },
    async bulkUpdatePosts(where, { title }, tx) {
      const criteria: FilterQuery<Post> = {
        ...(where.title === undefined ? {} : { title: where.title }),
        ...(where.authorId === undefined ? {} : { author: s(where.authorId) }),
      }
      await m(tx).nativeUpdate(Post, criteria, { title })
    },
    async readPost(id) {
      const post = await read().findOne(Post, n(id))
      return post && postRow(post)
    },
    async readPosts() {
      return (await read().find(Post, {}, { orderBy: { id: 'asc' } })).map(postRow)
    },
    async readPostTags(postId) {
      const post = await read().findOne(Post, n(postId), { populate: ['tags'] })
      return post ? ids(post.tags.getItems()) : []
    },
    async readComment(id) {
      const comment = await read().findOne(Comment, n(id))
      return comment && commentRow(comment)
    },
    async readComments(postId) {
      const comments = await read().find(Comment, { post: n(postId) }, { orderBy: { id: 'asc' } })
      return comments.map(commentRow)
    },

    transaction: (fn) => orm.em.fork().transactional((em) => fn(em)),
    inheritance,
  }
}
