/**
 * The second schema of the conformance suite — **real-world shapes** — and the harness an adapter
 * implements to run it (`runShapesSuite`, next to `runAdapterSuite`).
 *
 * Schema 1 (`../harness.ts`) is tidy on purpose: `User`, `Book`, one two-sided many-to-many. Real apps are
 * messier, and that is where adapters go stale: uuid and composite keys, primary keys not called `id`, a
 * many-to-many that only one side declares, self-references, join entities with columns of their own,
 * inheritance, upserts, writes by criteria, links deleted by the database, concurrent requests. This schema
 * has each of those once. Like schema 1, it drives the ORM only through the operations below (entity API
 * unless an operation says otherwise) and checks what cacheme serves afterwards on a real Redis.
 *
 * ## The schema (names are part of the contract: the suite builds keys from them — see `keys.ts`)
 *
 * | entity       | primary key                                          | columns              | relations                                                                                              |
 * |--------------|------------------------------------------------------|----------------------|--------------------------------------------------------------------------------------------------------|
 * | `Member`     | `id`: UUID string, generated on insert               | `name`               | `friends` → `Member`: many-to-many, **self-referencing, one-directional** (owning side; nothing points back); `profile`: see `Profile` |
 * | `Group`      | `groupId`: auto-increment, column `group_id`         | `title`              | —                                                                                                      |
 * | `Membership` | **composite** `(memberId, groupId)`, in that order    | `role` (string)      | the **explicit join entity** of Member ↔ Group: many-to-one `member` → `Member`, `group` → `Group`    |
 * | `Profile`    | `id`: auto-increment                                 | `bio`                | `member` → `Member`: **one-to-one**, owning side (unique foreign key `memberId`)                       |
 * | `Post`       | `id`: auto-increment, **no other unique constraint** | `title`              | `author` → `Member` (many-to-one, nullable); `tags` → `Tag`: many-to-many, **one-directional** (owning side); `comments` → `Comment`: one-to-many, children **cascade-inserted through the post** |
 * | `Tag`        | `id`: auto-increment                                 | `name`               | **none** — `Tag` declares no relation back to `Post`                                                   |
 * | `Comment`    | `id`: auto-increment                                 | `body`               | `post` → `Post` (many-to-one)                                                                          |
 * | `Content`    | `id`: auto-increment                                 | `title`, discriminator `kind` | **single-table inheritance** root (one table); queryable itself (it may be abstract where the ORM still queries an abstract root); no row is ever a plain `Content`                  |
 * | `Photo`      | (Content's)                                          | `url`                | child of `Content`, `kind = 'photo'`                                                                   |
 * | `Article`    | (Content's)                                          | `body`               | child of `Content`, `kind = 'article'`                                                                 |
 *
 * Mapping rules the suite relies on:
 * - Entity names are exactly these (the ORM's entity / model name is what keys start with).
 * - The junction tables of `Member.friends` and `Post.tags` have foreign keys `ON DELETE CASCADE` to both
 *   sides (every ORM's default for many-to-many): deleting a `Tag`, or a `Member` who is on someone's
 *   friend list, deletes those junction rows **in the database**, which no ORM reports as link changes.
 *   The adapter must still invalidate the other side (see `removeTag`, `removeMember`).
 * - `Membership`, `Profile`, `Post.author` and `Comment.post` foreign keys need no cascade: the suite never
 *   deletes a row that one of them points to.
 * - `Content`, `Photo`, `Article` exist only when `capabilities.singleTableInheritance` is declared (the
 *   operations are then in {@link ShapesHarness.inheritance}). No other entity is optional.
 * - Column names other than those stated are the harness's choice; the suite never writes raw SQL here.
 *
 * ## What the adapter must invalidate (the keys are in `keys.ts`, with the exact formats)
 *
 * - A row change: the row's key(s) and its model-level key (as in schema 1) — `Member:<uuid>`,
 *   `Group:<groupId>` (the primary **property**, whatever it is called), `Membership:<memberId>,<groupId>`
 *   (core's `formatId` of the composite key in column order).
 * - A link of `Member.friends` (member `a` lists `b`): `Member:<a>:friends` and `Member:<b>:friends` — the
 *   side without a property gets the owning property's name (core's `junctionKeys` default) — plus the
 *   relation key `Member.friends`. A link of `Post.tags`: `Post:<p>:tags`, `Tag:<t>:tags`, `Post.tags`.
 * - Inheritance: a row belongs to every class of its lineage — its class, that class's ancestors and its
 *   descendants. A photo change invalidates `Photo:<id>`, `Content:<id>`, `Photo` and `Content`; a write by
 *   criteria through a class goes model-wide on each class of that class's lineage. Sibling classes
 *   (`Article` for a photo) are left alone.
 * - Writes without rows (bulk by criteria): every key of the model (core's `invalidateModel`), as in
 *   schema 1; a bulk delete also invalidates the models on the other side of its many-to-many relations.
 *
 * ## Transactions and reads
 *
 * Every write takes an optional `tx` from {@link ShapesHarness.transaction}. Reads (`read*`) run outside
 * any transaction and must not wait for an open one (the suite reads while one is open, as in schema 1).
 * Ids are numbers or strings; the suite formats them with `String(id)` (and `formatId` for composites).
 */
import type { Cacheme } from '@cacheme/core'
import type { AdapterOptions, Detach } from '@cacheme/core/adapter'
import type { Id } from '../harness.js'
import type { TestRunner } from '../runner.js'

/** A `Member` row. `id` is a UUID string (`Member:<uuid>`). */
export interface MemberRow {
  readonly id: Id
  readonly name: string
}

/** A `Group` row. Its primary key is `groupId` (column `group_id`), not `id`. */
export interface GroupRow {
  readonly groupId: Id
  readonly title: string
}

/** A `Membership` row: the explicit join entity, primary key `(memberId, groupId)`, extra column `role`. */
export interface MembershipRow {
  readonly memberId: Id
  readonly groupId: Id
  readonly role: string
}

/** A `Profile` row: one per member at most (one-to-one through the unique `memberId`). */
export interface ProfileRow {
  readonly id: Id
  readonly memberId: Id
  readonly bio: string
}

/** A `Post` row. */
export interface PostRow {
  readonly id: Id
  readonly title: string
  readonly authorId: Id | null
}

/** A post as {@link ShapesHarness.createPost} created it, with the ids of the comments created with it. */
export interface CreatedPost extends PostRow {
  /** In the order of `input.comments`. */
  readonly commentIds: readonly Id[]
}

/** A `Tag` row. */
export interface TagRow {
  readonly id: Id
  readonly name: string
}

/** A `Comment` row. */
export interface CommentRow {
  readonly id: Id
  readonly postId: Id
  readonly body: string
}

/** A `Content` row of any class of the hierarchy (`kind` is the discriminator). */
export interface ContentRow {
  readonly id: Id
  readonly kind: 'photo' | 'article'
  readonly title: string
}

/** Which posts a bulk update targets: every given field must match (AND). At least one field is given. */
export interface PostCriteria {
  readonly authorId?: Id
  readonly title?: string
}

/**
 * Optional behaviour of schema 2, declared rather than skipped by name: a test that needs a capability is
 * registered only when it is declared. Declare a flag `false` only when the ORM cannot express the shape
 * at all — not when the adapter does not handle it yet.
 */
export interface ShapesCapabilities {
  /**
   * The ORM maps single-table inheritance (`Content` ← `Photo`, `Article` in one table with a
   * discriminator): {@link ShapesHarness.inheritance} exists. TypeORM (`@TableInheritance` +
   * `@ChildEntity`) and MikroORM (`discriminatorColumn`) do; Sequelize has no inheritance mapping.
   */
  readonly singleTableInheritance: boolean
}

/**
 * The operations of schema 2. All are async; each write accepts an optional `tx` (from
 * {@link ShapesHarness.transaction}) and without it runs on its own, the way the ORM does by default.
 * "Entity API" means what users of the ORM write day to day: load, change, save / remove / flush.
 */
export interface ShapesHarness<Tx = unknown> {
  /** Before each test: empty tables (truncated or recreated); ids may restart. */
  setup(): Promise<void>
  /** After each test. */
  teardown(): Promise<void>
  /** After the last test: close connections, drop what the harness created. */
  close(): Promise<void>
  /** Attaches the adapter under test to `cm`: `cm.attach(xxxAdapter(orm, options))`. */
  attach(cm: Cacheme, options?: AdapterOptions): Promise<Detach>

  // ── Member: uuid primary key, self-referencing one-directional many-to-many `friends` ──────────────
  /** Inserts a member; the ORM (or the harness) generates its UUID. */
  createMember(name: string, tx?: Tx): Promise<MemberRow>
  /** Loads the member, changes `name`, saves it (entity API). */
  updateMember(id: Id, changes: { name: string }, tx?: Tx): Promise<void>
  /**
   * Deletes the member through the entity API. Its `friends` links go with it: those it lists (the ORM
   * may delete them itself) **and** those where it is the friend of someone else — the database cascade
   * deletes these, and no ORM event names them. Only called for members without memberships, profile or
   * posts.
   */
  removeMember(id: Id, tx?: Tx): Promise<void>
  /** `member.friends.add(...friends)` from the owning (only) side, entity API. */
  addFriends(memberId: Id, friendIds: readonly Id[], tx?: Tx): Promise<void>
  readMember(id: Id): Promise<MemberRow | null>
  /** Ids of the members `memberId` lists as friends (the owning direction), ascending (`compareIds`). */
  readFriends(memberId: Id): Promise<Id[]>

  // ── Group: custom primary key; Membership: explicit join entity, composite primary key ─────────────
  createGroup(title: string, tx?: Tx): Promise<GroupRow>
  /** Loads the group by `groupId`, changes `title`, saves it. */
  updateGroup(groupId: Id, changes: { title: string }, tx?: Tx): Promise<void>
  readGroup(groupId: Id): Promise<GroupRow | null>
  /** Inserts a `Membership` row through the join entity's own entity API (`role` is its extra column). */
  createMembership(input: MembershipRow, tx?: Tx): Promise<MembershipRow>
  /** Loads the membership by its composite key, changes `role`, saves it. */
  updateMembership(memberId: Id, groupId: Id, changes: { role: string }, tx?: Tx): Promise<void>
  /** Loads the membership by its composite key and deletes it (entity API). */
  removeMembership(memberId: Id, groupId: Id, tx?: Tx): Promise<void>
  readMembership(memberId: Id, groupId: Id): Promise<MembershipRow | null>
  /** Every membership of the group, by ascending `memberId` (`compareIds`). */
  readGroupMemberships(groupId: Id): Promise<MembershipRow[]>

  // ── Profile: one-to-one ─────────────────────────────────────────────────────────────────────────────
  /** Inserts the member's profile (the member has none yet). */
  createProfile(memberId: Id, bio: string, tx?: Tx): Promise<ProfileRow>
  /** Loads the profile by `id`, changes `bio`, saves it. */
  updateProfile(id: Id, changes: { bio: string }, tx?: Tx): Promise<void>
  /** The member's profile through the one-to-one relation, `null` when it has none. */
  readProfileOf(memberId: Id): Promise<ProfileRow | null>

  // ── Post, Tag (one-directional many-to-many), Comment (cascaded children) ─────────────────────────
  createTag(name: string, tx?: Tx): Promise<TagRow>
  /**
   * Deletes the tag through the entity API. `Tag` has no relation to `Post`, so the ORM does not know
   * the junction rows exist: the database cascade deletes them, and `Post:<p>:tags` of every post that
   * had the tag must still be invalidated.
   */
  removeTag(id: Id, tx?: Tx): Promise<void>
  /** One DELETE of tags by criteria (`name` equals), rows not loaded; their junction rows go by cascade. */
  bulkDeleteTags(where: { name: string }, tx?: Tx): Promise<void>
  readTag(id: Id): Promise<TagRow | null>
  /**
   * Inserts a post and, **through it**, one new comment per `comments` entry: the comments are children
   * on the post's one-to-many relation, inserted by the ORM's cascade (TypeORM `cascade: ['insert']`,
   * MikroORM `Cascade.PERSIST`, Sequelize `create(..., { include })`) — not saved one by one.
   */
  createPost(
    input: { title: string; authorId?: Id | null; comments?: readonly string[] },
    tx?: Tx,
  ): Promise<CreatedPost>
  /** Loads the post, changes `title`, saves it (entity API). */
  updatePost(id: Id, changes: { title: string }, tx?: Tx): Promise<void>
  /** `post.tags.add(...tags)` from the owning (only) side, entity API. */
  addTagsToPost(postId: Id, tagIds: readonly Id[], tx?: Tx): Promise<void>
  /**
   * Adds one new comment **through the post**: load the post with its comments, add a new child, save the
   * post (TypeORM cascade, MikroORM `post.comments.add(...)` + flush, Sequelize `post.createComment()`).
   */
  addComment(postId: Id, body: string, tx?: Tx): Promise<CommentRow>
  /**
   * The ORM's upsert by primary key: inserts the row when no post has `id`, otherwise updates that row's
   * `title` (TypeORM `repository.upsert(values, ['id'])`, Sequelize `Post.upsert()`, MikroORM
   * `em.upsert()`). `Post` has no unique constraint besides its primary key, so the key is the only
   * conflict target. `id` is always given (the suite picks unused ids for inserts).
   */
  upsertPost(values: { id: Id; title: string }, tx?: Tx): Promise<void>
  /** One UPDATE of posts by criteria, rows not loaded (`repo.update(where, set)`, `Model.update(...)`...). */
  bulkUpdatePosts(where: PostCriteria, changes: { title: string }, tx?: Tx): Promise<void>
  readPost(id: Id): Promise<PostRow | null>
  /** Every post, by ascending id. */
  readPosts(): Promise<PostRow[]>
  /** Ids of the post's tags, ascending. */
  readPostTags(postId: Id): Promise<Id[]>
  readComment(id: Id): Promise<CommentRow | null>
  /** The post's comments, by ascending id. */
  readComments(postId: Id): Promise<CommentRow[]>

  /** Runs `fn` in a transaction: commits when it resolves, rolls back and rethrows when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>

  /**
   * Single-table inheritance (`Content` ← `Photo`, `Article`): present exactly when
   * `capabilities.singleTableInheritance` is declared (the suite fails loudly if it is declared and this
   * is missing).
   */
  readonly inheritance?: InheritanceHarness<Tx>
}

/** The single-table inheritance operations of schema 2 (`Content` ← `Photo`, `Article`). */
export interface InheritanceHarness<Tx = unknown> {
  /** Inserts a `Photo` through the child class. */
  createPhoto(input: { title: string; url: string }, tx?: Tx): Promise<ContentRow>
  /** Inserts an `Article` through the child class. */
  createArticle(input: { title: string; body: string }, tx?: Tx): Promise<ContentRow>
  /** Loads the row **as a `Photo`** (the child class), changes `title`, saves it. */
  updatePhoto(id: Id, changes: { title: string }, tx?: Tx): Promise<void>
  /**
   * Loads the row **through the parent class `Content`** (the ORM may hand back the concrete subclass
   * instance, as TypeORM and MikroORM do), changes `title`, saves it.
   */
  updateContent(id: Id, changes: { title: string }, tx?: Tx): Promise<void>
  /** One UPDATE by criteria **through the parent class** (every kind whose title matches), rows not loaded. */
  bulkUpdateContents(where: { title: string }, changes: { title: string }, tx?: Tx): Promise<void>
  /** One UPDATE by criteria **through the child class `Photo`** (photos only), rows not loaded. */
  bulkUpdatePhotos(where: { title: string }, changes: { title: string }, tx?: Tx): Promise<void>
  /** The row through the parent class, whatever its kind. */
  readContent(id: Id): Promise<ContentRow | null>
  /** The row through the child class `Photo`: `null` when it is not a photo. */
  readPhoto(id: Id): Promise<ContentRow | null>
  /** Every content row (all kinds), by ascending id. */
  readContents(): Promise<ContentRow[]>
  /** Every article, by ascending id. */
  readArticles(): Promise<ContentRow[]>
}

/**
 * What an adapter hands to `runShapesSuite` (with its `runner`): the same shape as schema 1's
 * `HarnessFactory`. Name and capabilities are plain data because the test runner needs them while
 * registering tests.
 */
export interface ShapesHarnessFactory<Tx = unknown> {
  /** Shown as the outer describe, e.g. `typeorm on PostgreSQL`. */
  readonly name: string
  readonly capabilities: ShapesCapabilities
  /** Creates the harness once per suite run (connects, builds the schema), in `beforeAll`. */
  create(): Promise<ShapesHarness<Tx>>
}

/**
 * Options of `runShapesSuite({ runner, name, capabilities, create })` — the same shape as
 * `runAdapterSuite`'s: the factory plus the caller's test runner.
 */
export interface ShapesSuiteOptions<Tx = unknown> extends ShapesHarnessFactory<Tx> {
  /** The caller's test runner: `{ describe, it, expect, beforeAll, afterAll, beforeEach, afterEach }`. */
  readonly runner: TestRunner
}
