/** A cached post title, `Post:<id>>detail` invalidated by `Post:<id>` (schema-2 entities). */
import type { Fixture } from './fixture.js'
import type { PostClass } from './shapes-entities.js'

export function postProbe(f: Fixture, Post: PostClass) {
  return f.counted(
    'post',
    (id: number) => `Post:${id}>detail`,
    (id) => [`Post:${id}`],
    async (id) => (await f.ds.manager.findOneBy(Post, { id }))?.title ?? null,
  )
}
