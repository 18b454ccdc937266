/**
 * Per-test environment of schema 2 (real-world shapes): the shared base (`../env.ts`: a fresh cacheme on
 * real Redis, empty tables, counting probes) plus one standard probe per shape, each keyed and invalidated
 * by the keys of `keys.ts` — what an application caching these entities would register.
 */
import { type BaseEnv, type Probe, useBaseEnv } from '../env.js'
import type { Id } from '../harness.js'
import type { Expect, TestRunner } from '../runner.js'
import type {
  CommentRow,
  ContentRow,
  GroupRow,
  InheritanceHarness,
  MemberRow,
  MembershipRow,
  PostRow,
  ProfileRow,
  ShapesCapabilities,
  ShapesHarness,
  ShapesHarnessFactory,
  TagRow,
} from './harness.js'
import { shapeKeys as k } from './keys.js'

/** What one test of schema 2 gets. */
export interface ShapesEnv<Tx = unknown> extends BaseEnv<ShapesHarness<Tx>> {
  readonly probes: ShapeProbes
  /** The inheritance operations; throws when the harness declared the capability but has none. */
  readonly inheritance: InheritanceHarness<Tx>
}

/** The standard probes of schema 2, created lazily once per test. Invalid keys in brackets. */
export interface ShapeProbes {
  /** `Member:<id>>detail` [`Member:<id>`]. */
  readonly member: Probe<[Id], MemberRow | null>
  /** `Member:<id>>friends` [`Member:<id>:friends`]. */
  readonly friends: Probe<[Id], Id[]>
  /** `Group:<groupId>>detail` [`Group:<groupId>`]. */
  readonly group: Probe<[Id], GroupRow | null>
  /** `Membership:<m>,<g>>detail` [`Membership:<m>,<g>`]. */
  readonly membership: Probe<[Id, Id], MembershipRow | null>
  /** `Group:<groupId>>roster`, the group's memberships [`Membership`, the join entity's model key]. */
  readonly roster: Probe<[Id], MembershipRow[]>
  /** `Member:<id>>profile` [`Profile:<profileId>` from the result, or `Profile` while it has none]. */
  readonly profileOf: Probe<[Id], ProfileRow | null>
  /** `Post:<id>>detail` [`Post:<id>`]. */
  readonly post: Probe<[Id], PostRow | null>
  /** `Posts>all` [`Post`]. */
  readonly posts: Probe<[], PostRow[]>
  /** `Post:<id>>tags` [`Post:<id>:tags`]. */
  readonly postTags: Probe<[Id], Id[]>
  /** `Tag:<id>>detail` [`Tag:<id>`]. */
  readonly tag: Probe<[Id], TagRow | null>
  /** `Tag:<id>>links`, anything about the tag's posts [`Tag:<id>:tags`, the Tag side of `Post.tags`]. */
  readonly tagLinks: Probe<[Id], TagRow | null>
  /** `Comment:<id>>detail` [`Comment:<id>`]. */
  readonly comment: Probe<[Id], CommentRow | null>
  /** `Post:<id>>comments` [`Comment`, the children's model key]. */
  readonly comments: Probe<[Id], CommentRow[]>
  /** `Content:<id>>detail` [`Content:<id>`] (inheritance only). */
  readonly content: Probe<[Id], ContentRow | null>
  /** `Photo:<id>>detail` [`Photo:<id>`] (inheritance only). */
  readonly photo: Probe<[Id], ContentRow | null>
  /** `Contents>all` [`Content`] (inheritance only). */
  readonly contents: Probe<[], ContentRow[]>
  /** `Articles>all` [`Article`] (inheritance only). */
  readonly articles: Probe<[], ContentRow[]>
}

/** What each schema-2 concern file gets. */
export interface ShapesConcern {
  readonly env: () => ShapesEnv
  readonly it: TestRunner['it']
  readonly expect: Expect
  readonly capabilities: ShapesCapabilities
}

/** Registers the lifecycle hooks of schema 2's describe block; returns the current test's env. */
export function useShapesEnv<Tx>(runner: TestRunner, factory: ShapesHarnessFactory<Tx>): () => ShapesEnv<Tx> {
  return useBaseEnv(
    runner,
    () => factory.create(),
    (base) => {
      let probes: ShapeProbes | undefined
      return Object.defineProperties(base, {
        probes: { get: () => (probes ??= shapeProbes(base)) },
        inheritance: { get: () => inheritanceOf(base.harness, factory.name) },
      }) as ShapesEnv<Tx>
    },
  )
}

function inheritanceOf<Tx>(harness: ShapesHarness<Tx>, name: string): InheritanceHarness<Tx> {
  if (harness.inheritance) return harness.inheritance
  throw new Error(
    `conformance suite (${name}): capabilities.singleTableInheritance is declared but the harness has no 'inheritance' operations → add them, or declare the capability false.`,
  )
}

function shapeProbes<Tx>(base: BaseEnv<ShapesHarness<Tx>>): ShapeProbes {
  const { harness: h, probe } = base
  const sti = () => inheritanceOf(h, 'schema 2')
  return {
    member: probe('member', {
      key: (id) => `${k.member(id)}>detail`,
      invalidKeys: (id) => [k.member(id)],
      compute: (id) => h.readMember(id),
    }),
    friends: probe('friends', {
      key: (id) => `${k.member(id)}>friends`,
      invalidKeys: (id) => [k.friends(id)],
      compute: (id) => h.readFriends(id),
    }),
    group: probe('group', {
      key: (id) => `${k.group(id)}>detail`,
      invalidKeys: (id) => [k.group(id)],
      compute: (id) => h.readGroup(id),
    }),
    membership: probe('membership', {
      key: (m, g) => `${k.membership(m, g)}>detail`,
      invalidKeys: (m, g) => [k.membership(m, g)],
      compute: (m, g) => h.readMembership(m, g),
    }),
    roster: probe('roster', {
      key: (g: Id) => `${k.group(g)}>roster`,
      invalidKeys: () => ['Membership'],
      compute: (g) => h.readGroupMemberships(g),
    }),
    profileOf: probe('profileOf', {
      key: (m: Id) => `${k.member(m)}>profile`,
      invalidKeys: () => [],
      compute: (m) => h.readProfileOf(m),
      resultKeys: (profile) => (profile ? [k.profile(profile.id)] : ['Profile']),
    }),
    post: probe('post', {
      key: (id) => `${k.post(id)}>detail`,
      invalidKeys: (id) => [k.post(id)],
      compute: (id) => h.readPost(id),
    }),
    posts: probe('posts', {
      key: () => 'Posts>all',
      invalidKeys: () => ['Post'],
      compute: () => h.readPosts(),
    }),
    postTags: probe('postTags', {
      key: (id) => `${k.post(id)}>tags`,
      invalidKeys: (id) => [k.postTags(id)],
      compute: (id) => h.readPostTags(id),
    }),
    tag: probe('tag', {
      key: (id) => `${k.tag(id)}>detail`,
      invalidKeys: (id) => [k.tag(id)],
      compute: (id) => h.readTag(id),
    }),
    tagLinks: probe('tagLinks', {
      key: (id) => `${k.tag(id)}>links`,
      invalidKeys: (id) => [k.tagPosts(id)],
      compute: (id) => h.readTag(id),
    }),
    comment: probe('comment', {
      key: (id) => `${k.comment(id)}>detail`,
      invalidKeys: (id) => [k.comment(id)],
      compute: (id) => h.readComment(id),
    }),
    comments: probe('comments', {
      key: (p: Id) => `${k.post(p)}>comments`,
      invalidKeys: () => ['Comment'],
      compute: (p) => h.readComments(p),
    }),
    content: probe('content', {
      key: (id) => `${k.content(id)}>detail`,
      invalidKeys: (id) => [k.content(id)],
      compute: (id) => sti().readContent(id),
    }),
    photo: probe('photo', {
      key: (id) => `${k.photo(id)}>detail`,
      invalidKeys: (id) => [k.photo(id)],
      compute: (id) => sti().readPhoto(id),
    }),
    contents: probe('contents', {
      key: () => 'Contents>all',
      invalidKeys: () => ['Content'],
      compute: () => sti().readContents(),
    }),
    articles: probe('articles', {
      key: () => 'Articles>all',
      invalidKeys: () => ['Article'],
      compute: () => sti().readArticles(),
    }),
  }
}

/** Asserts that every key of `keys` is among the `delivered` invalid keys (in any order, among others). */
export function expectInvalidated(
  expect: Expect,
  delivered: readonly string[],
  keys: readonly string[],
): void {
  for (const key of keys) expect(delivered).toContain(key)
}
