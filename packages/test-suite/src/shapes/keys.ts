/**
 * The invalidation keys of schema 2, exactly as every adapter must produce them with its default options
 * (core's `entityKeys` / `junctionKeys`; no `cacheKey` getter on any schema-2 entity). The suite's probes
 * depend on these keys, so they are the contract: an adapter passes when a change of a row removes the
 * values registered under the row's keys below — and, where the adapter knew the row, leaves the others.
 *
 * | change                                  | keys                                                                                  |
 * |-----------------------------------------|---------------------------------------------------------------------------------------|
 * | `Member` row (UUID `id`)                | `Member:<uuid>`, `Member`                                                             |
 * | `Group` row (primary property `groupId`) | `Group:<groupId>`, `Group`                                                           |
 * | `Membership` row (composite key)        | `Membership:<memberId>,<groupId>` (`formatId`, column order), `Membership`            |
 * | `Profile` / `Post` / `Tag` / `Comment`  | `<Entity>:<id>`, `<Entity>`                                                           |
 * | `Photo` row (inherits `Content`)        | `Photo:<id>`, `Content:<id>`, `Photo`, `Content` (an `Article`: `Article:<id>`, `Content:<id>`, `Article`, `Content`) |
 * | link of `Member.friends` (a lists b)    | `Member:<a>:friends`, `Member:<b>:friends`, `Member.friends` (+ the junction model's name, if the ORM has one) |
 * | link of `Post.tags` (post p, tag t)     | `Post:<p>:tags`, `Tag:<t>:tags`, `Post.tags` (+ the junction model's name)              |
 *
 * The second side of a one-directional relation has no property of its own, so its key uses the owning
 * property's name (`Member:<b>:friends`, `Tag:<t>:tags`) — core's `junctionKeys` default.
 */
import { formatId } from '@cacheme/core/adapter'
import type { Id } from '../harness.js'

/** Builders of schema 2's keys (see the table above). */
export const shapeKeys = {
  member: (id: Id): string => `Member:${id}`,
  /** The friend list of `memberId` — invalidated on both sides of every `Member.friends` link. */
  friends: (memberId: Id): string => `Member:${memberId}:friends`,
  group: (groupId: Id): string => `Group:${groupId}`,
  /** `Membership:<memberId>,<groupId>`: core's `formatId` of the composite key, in column order. */
  membership: (memberId: Id, groupId: Id): string => `Membership:${formatId({ memberId, groupId })}`,
  profile: (id: Id): string => `Profile:${id}`,
  post: (id: Id): string => `Post:${id}`,
  /** The tags of post `postId` (owning side of `Post.tags`). */
  postTags: (postId: Id): string => `Post:${postId}:tags`,
  tag: (id: Id): string => `Tag:${id}`,
  /** The `Tag` side of a `Post.tags` link (no property of its own: named after the owning property). */
  tagPosts: (tagId: Id): string => `Tag:${tagId}:tags`,
  comment: (id: Id): string => `Comment:${id}`,
  content: (id: Id): string => `Content:${id}`,
  photo: (id: Id): string => `Photo:${id}`,
  article: (id: Id): string => `Article:${id}`,
} as const

/** The entity (model) names of schema 2; each is also the model-level key. */
export const shapeModels = [
  'Member',
  'Group',
  'Membership',
  'Profile',
  'Post',
  'Tag',
  'Comment',
  'Content',
  'Photo',
  'Article',
] as const

/** The many-to-many relations of schema 2 by owning side: also their relation keys. */
export const shapeRelations = ['Member.friends', 'Post.tags'] as const
