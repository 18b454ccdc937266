/**
 * The cached functions every consistency worker reads through, computed from the database, and the
 * check of what they return against the truth file.
 *
 * - `postView(id)`: the post and its author (two queries, a pause between them, like a serializer that
 *   loads a relation). Depends on `Post:<id>` and `Author:<authorId>` (from the result).
 * - `authorPosts(id)`: the author and the list of their posts. Depends on `Author:<id>` and the model key
 *   `Post` (any post change can change the list; adapters invalidate the model key on every change).
 *
 * A read is **stale** when it returns a row version older than the floor read before the call started,
 * or — for the list — misses a post that belonged to the author for the whole call.
 */
import type { Cacheme } from '@cacheme/core'
import type { Random } from '../stats/random.js'
import type { OrmSession } from './orm-driver.js'
import type { Floors } from './truth-file.js'

export interface PostView {
  readonly id: number
  readonly v: number
  readonly authorId: number
  readonly author: { readonly id: number; readonly v: number } | null
}

export interface AuthorPosts {
  readonly id: number
  readonly v: number
  readonly posts: readonly (readonly [id: number, v: number])[]
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function cachedReads(cm: Cacheme, session: OrmSession, random: Random, pauseMs: number) {
  const pause = () => sleep(random.next() * pauseMs)
  const postView = cm.cacheme<[number], PostView | null>({
    key: (c) => `PostView:${c.args[0]}`,
    invalidKeys: (c) =>
      c.result ? [`Post:${c.result.id}`, `Author:${c.result.authorId}`] : [`Post:${c.args[0]}`],
    tag: 'postView',
  })(async (id) => {
    const post = await session.post(id)
    if (post === undefined) return null
    await pause()
    const author = await session.author(post.authorId)
    await pause() // serialization work after the queries: the window in which rows can change
    return {
      id,
      v: post.version,
      authorId: post.authorId,
      author: author ? { id: author.id, v: author.version } : null,
    }
  })
  const authorPosts = cm.cacheme<[number], AuthorPosts | null>({
    key: (c) => `Author:${c.args[0]}>posts`,
    invalidKeys: (c) => [`Author:${c.args[0]}`, 'Post'],
    tag: 'authorPosts',
  })(async (id) => {
    const author = await session.author(id)
    if (author === undefined) return null
    await pause()
    const posts = await session.postsOf(id)
    await pause()
    return { id, v: author.version, posts: posts.map((p) => [p.id, p.version] as const) }
  })
  return { postView, authorPosts }
}

/** Why a `postView` result is stale, or undefined when it is not. `before`: floors read before the call. */
export function stalePostView(id: number, value: PostView | null, before: Floors): string | undefined {
  if (value === null) return `post ${id}: not found`
  if (value.v < before.postVersion(id)) return `post ${id}: v${value.v} < v${before.postVersion(id)}`
  if (value.author === null) return `post ${id}: author ${value.authorId} not found`
  const floor = before.authorVersion(value.author.id)
  if (value.author.v < floor) return `post ${id}: author ${value.author.id} v${value.author.v} < v${floor}`
  return undefined
}

/**
 * Why an `authorPosts` result is stale. `before` / `after`: floors read before the call and after it
 * returned; `committed(postId)`: the post's committed row, read from the database after the call.
 *
 * A post missing from the list counts only when it provably belonged to the author for the whole call:
 * its floor before the call says so, and the row read afterwards still has that very version (versions
 * only grow, so no commit touched it in between). The floors alone cannot tell: a writer's COMMIT is
 * visible in the database before its ORM call resolves and it publishes the new floor, so a list
 * computed in that gap is *newer* than the floor, not older.
 */
export async function staleAuthorPosts(
  id: number,
  value: AuthorPosts | null,
  before: Floors,
  after: Floors,
  posts: number,
  committed: (postId: number) => Promise<{ readonly version: number; readonly authorId: number } | undefined>,
): Promise<string | undefined> {
  if (value === null) return `author ${id}: not found`
  if (value.v < before.authorVersion(id)) return `author ${id}: v${value.v} < v${before.authorVersion(id)}`
  const listed = new Map(value.posts)
  for (const [postId, v] of listed) {
    if (v < before.postVersion(postId))
      return `author ${id}: post ${postId} v${v} < v${before.postVersion(postId)}`
  }
  for (let postId = 1; postId <= posts; postId += 1) {
    const version = before.postVersion(postId)
    const suspect =
      !listed.has(postId) &&
      before.postAuthor(postId) === id &&
      after.postVersion(postId) === version &&
      after.postAuthor(postId) === id
    if (!suspect) continue
    const row = await committed(postId)
    if (row?.version === version && row.authorId === id)
      return `author ${id}: post ${postId} (v${version}) missing`
  }
  return undefined
}
