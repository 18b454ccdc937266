/**
 * `@cacheme/test-suite` — the one conformance suite every cacheme ORM adapter runs, first-party or not.
 * See `suite.ts` for the wiring, `runner.ts` for the test runner you pass in, and `harness.ts` for what an
 * adapter's harness must implement (schema 1); `shapes/` holds schema 2 (real-world shapes), with its
 * harness in `shapes/harness.ts` and its keys in `shapes/keys.ts`.
 */

export type { Probe, ProbeSpec, StandardProbes, TestEnv } from './context.js'
export type { BaseEnv, BaseHarness } from './env.js'
export type {
  AdapterCapabilities,
  AdapterHarness,
  BookCriteria,
  BookRow,
  HarnessFactory,
  Id,
  UserRow,
} from './harness.js'
export { compareIds, sortIds } from './ids.js'
export type { Assertion, Constructor, Expect, Matchers, TestRunner } from './runner.js'
export type { ShapeProbes, ShapesEnv } from './shapes/context.js'
export type {
  CommentRow,
  ContentRow,
  CreatedPost,
  GroupRow,
  InheritanceHarness,
  MemberRow,
  MembershipRow,
  PostCriteria,
  PostRow,
  ProfileRow,
  ShapesCapabilities,
  ShapesHarness,
  ShapesHarnessFactory,
  ShapesSuiteOptions,
  TagRow,
} from './shapes/harness.js'
export { shapeKeys, shapeModels, shapeRelations } from './shapes/keys.js'
export { runShapesSuite } from './shapes/suite.js'
export { type AdapterSuiteOptions, runAdapterSuite } from './suite.js'
