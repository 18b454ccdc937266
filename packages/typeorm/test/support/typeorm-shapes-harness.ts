/**
 * The schema-2 harness (real-world shapes, `@cacheme/test-suite` `runShapesSuite`) for TypeORM, on SQLite
 * (better-sqlite3, in memory) or PostgreSQL (a random schema per harness, dropped on close).
 *
 * Writes use the entity API the way TypeORM users write them: load, change, `save()` / `remove()`;
 * many-to-many links by assigning the relation array and saving the owning side; comments cascade-inserted
 * through the post; `repository.upsert(values, ['id'])`; writes by criteria through `manager.update()` /
 * `manager.delete()`. Tables are created once and emptied (TRUNCATE / DELETE) before each test.
 */
import {
  type CommentRow,
  type ContentRow,
  compareIds,
  type Id,
  type InheritanceHarness,
  type PostRow,
  type ProfileRow,
  type ShapesHarness,
} from '@cacheme/test-suite'
import type { EntityManager } from 'typeorm'
import {
  Article,
  type Comment,
  Content,
  Group,
  Member,
  Membership,
  Photo,
  type Post,
  Profile,
  shapeEntities,
  Tag,
} from './shapes-entities.js'
import { type Database, lifecycle, openDataSource } from './typeorm-harness.js'

export async function typeormShapesHarness(database: Database): Promise<ShapesHarness<EntityManager>> {
  const { Post: PostEntity, Comment: CommentEntity, all } = shapeEntities(database)
  const opened = await openDataSource(database, all)
  const ds = opened.dataSource
  await opened.reset()
  const m = (tx?: EntityManager): EntityManager => tx ?? ds.manager
  const n = Number

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
  const contentRow = (row: Content): ContentRow => ({
    id: row.id,
    kind: row instanceof Photo ? 'photo' : 'article',
    title: row.title,
  })
  const ids = (rows: readonly { id: Id }[]) => rows.map((row) => row.id).sort(compareIds)

  const inheritance: InheritanceHarness<EntityManager> = {
    async createPhoto({ title, url }, tx) {
      return contentRow(await m(tx).save(m(tx).create(Photo, { title, url })))
    },
    async createArticle({ title, body }, tx) {
      return contentRow(await m(tx).save(m(tx).create(Article, { title, body })))
    },
    async updatePhoto(id, { title }, tx) {
      const photo = await m(tx).findOneByOrFail(Photo, { id: n(id) })
      photo.title = title
      await m(tx).save(photo)
    },
    async updateContent(id, { title }, tx) {
      const row = await m(tx).findOneByOrFail(Content, { id: n(id) })
      row.title = title
      await m(tx).save(row)
    },
    async bulkUpdateContents(where, changes, tx) {
      await m(tx).update(Content, { title: where.title }, { title: changes.title })
    },
    async bulkUpdatePhotos(where, changes, tx) {
      await m(tx).update(Photo, { title: where.title }, { title: changes.title })
    },
    async readContent(id) {
      const row = await ds.manager.findOneBy(Content, { id: n(id) })
      return row && contentRow(row)
    },
    async readPhoto(id) {
      const row = await ds.manager.findOneBy(Photo, { id: n(id) })
      return row && contentRow(row)
    },
    async readContents() {
      return (await ds.manager.find(Content, { order: { id: 'ASC' } })).map(contentRow)
    },
    async readArticles() {
      return (await ds.manager.find(Article, { order: { id: 'ASC' } })).map(contentRow)
    },
  }

  return {
    ...lifecycle(opened),

    async createMember(name, tx) {
      const member = await m(tx).save(m(tx).create(Member, { name }))
      return { id: member.id, name: member.name }
    },
    async updateMember(id, { name }, tx) {
      const member = await m(tx).findOneByOrFail(Member, { id: String(id) })
      member.name = name
      await m(tx).save(member)
    },
    async removeMember(id, tx) {
      await m(tx).remove(await m(tx).findOneByOrFail(Member, { id: String(id) }))
    },
    async addFriends(memberId, friendIds, tx) {
      const member = await m(tx).findOneOrFail(Member, {
        where: { id: String(memberId) },
        relations: { friends: true },
      })
      member.friends.push(...friendIds.map((id) => m(tx).create(Member, { id: String(id) })))
      await m(tx).save(member)
    },
    async readMember(id) {
      const member = await ds.manager.findOneBy(Member, { id: String(id) })
      return member && { id: member.id, name: member.name }
    },
    async readFriends(memberId) {
      return ids(
        await ds.createQueryBuilder().relation(Member, 'friends').of(String(memberId)).loadMany<Member>(),
      )
    },

    async createGroup(title, tx) {
      const group = await m(tx).save(m(tx).create(Group, { title }))
      return { groupId: group.groupId, title: group.title }
    },
    async updateGroup(groupId, { title }, tx) {
      const group = await m(tx).findOneByOrFail(Group, { groupId: n(groupId) })
      group.title = title
      await m(tx).save(group)
    },
    async readGroup(groupId) {
      const group = await ds.manager.findOneBy(Group, { groupId: n(groupId) })
      return group && { groupId: group.groupId, title: group.title }
    },
    async createMembership({ memberId, groupId, role }, tx) {
      const row = await m(tx).save(
        m(tx).create(Membership, { memberId: String(memberId), groupId: n(groupId), role }),
      )
      return { memberId: row.memberId, groupId: row.groupId, role: row.role }
    },
    async updateMembership(memberId, groupId, { role }, tx) {
      const row = await m(tx).findOneByOrFail(Membership, { memberId: String(memberId), groupId: n(groupId) })
      row.role = role
      await m(tx).save(row)
    },
    async removeMembership(memberId, groupId, tx) {
      const row = await m(tx).findOneByOrFail(Membership, { memberId: String(memberId), groupId: n(groupId) })
      await m(tx).remove(row)
    },
    async readMembership(memberId, groupId) {
      const row = await ds.manager.findOneBy(Membership, { memberId: String(memberId), groupId: n(groupId) })
      return row && { memberId: row.memberId, groupId: row.groupId, role: row.role }
    },
    async readGroupMemberships(groupId) {
      const rows = await ds.manager.findBy(Membership, { groupId: n(groupId) })
      return rows
        .map((row) => ({ memberId: row.memberId, groupId: row.groupId, role: row.role }))
        .sort((a, b) => compareIds(a.memberId, b.memberId))
    },

    async createProfile(memberId, bio, tx) {
      const member = m(tx).create(Member, { id: String(memberId) })
      return profileRow(await m(tx).save(m(tx).create(Profile, { bio, member })))
    },
    async updateProfile(id, { bio }, tx) {
      const profile = await m(tx).findOneByOrFail(Profile, { id: n(id) })
      profile.bio = bio
      await m(tx).save(profile)
    },
    async readProfileOf(memberId) {
      const profile = await ds.manager.findOne(Profile, {
        where: { member: { id: String(memberId) } },
        relations: { member: true },
      })
      return profile && profileRow(profile)
    },

    async createTag(name, tx) {
      const tag = await m(tx).save(m(tx).create(Tag, { name }))
      return { id: tag.id, name: tag.name }
    },
    async removeTag(id, tx) {
      await m(tx).remove(await m(tx).findOneByOrFail(Tag, { id: n(id) }))
    },
    async bulkDeleteTags({ name }, tx) {
      await m(tx).delete(Tag, { name })
    },
    async readTag(id) {
      const tag = await ds.manager.findOneBy(Tag, { id: n(id) })
      return tag && { id: tag.id, name: tag.name }
    },
    async createPost({ title, authorId = null, comments = [] }, tx) {
      const post = m(tx).create(PostEntity, {
        title,
        author: authorId === null ? null : m(tx).create(Member, { id: String(authorId) }),
        comments: comments.map((body) => m(tx).create(CommentEntity, { body })),
      })
      const saved = await m(tx).save(post)
      return { ...postRow(saved), commentIds: saved.comments.map((comment) => comment.id) }
    },
    async updatePost(id, { title }, tx) {
      const post = await m(tx).findOneByOrFail(PostEntity, { id: n(id) })
      post.title = title
      await m(tx).save(post)
    },
    async addTagsToPost(postId, tagIds, tx) {
      const post = await m(tx).findOneOrFail(PostEntity, {
        where: { id: n(postId) },
        relations: { tags: true },
      })
      post.tags.push(...tagIds.map((id) => m(tx).create(Tag, { id: n(id) })))
      await m(tx).save(post)
    },
    async addComment(postId, body, tx) {
      const post = await m(tx).findOneOrFail(PostEntity, {
        where: { id: n(postId) },
        relations: { comments: true },
      })
      const comment = m(tx).create(CommentEntity, { body })
      post.comments.push(comment)
      await m(tx).save(post)
      return { id: comment.id, postId: post.id, body }
    },
    async upsertPost({ id, title }, tx) {
      await m(tx)
        .getRepository(PostEntity)
        .upsert({ id: n(id), title }, ['id'])
    },
    async bulkUpdatePosts(where, { title }, tx) {
      await m(tx).update(
        PostEntity,
        {
          ...(where.title === undefined ? {} : { title: where.title }),
          ...(where.authorId === undefined ? {} : { author: { id: String(where.authorId) } }),
        },
        { title },
      )
    },
    async readPost(id) {
      const post = await ds.manager.findOne(PostEntity, { where: { id: n(id) }, relations: { author: true } })
      return post && postRow(post)
    },
    async readPosts() {
      const posts = await ds.manager.find(PostEntity, { relations: { author: true }, order: { id: 'ASC' } })
      return posts.map(postRow)
    },
    async readPostTags(postId) {
      return ids(await ds.createQueryBuilder().relation(PostEntity, 'tags').of(n(postId)).loadMany<Tag>())
    },
    async readComment(id) {
      const comment = await ds.manager.findOne(CommentEntity, {
        where: { id: n(id) },
        relations: { post: true },
      })
      return comment && commentRow(comment)
    },
    async readComments(postId) {
      const comments = await ds.manager.find(CommentEntity, {
        where: { post: { id: n(postId) } },
        relations: { post: true },
        order: { id: 'ASC' },
      })
      return comments.map(commentRow)
    },

    transaction: (fn) => ds.transaction((manager) => fn(manager)),
    inheritance,
  }
}
