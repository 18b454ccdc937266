/**
 * `@cacheme/test-suite` — the one conformance suite every cacheme ORM adapter runs, first-party or not.
 * See `suite.ts` for the wiring, `runner.ts` for the test runner you pass in, and `harness.ts` for what an
 * adapter's harness must implement.
 */

export type { Probe, ProbeSpec, StandardProbes, TestEnv } from './context.js'
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
export { type AdapterSuiteOptions, runAdapterSuite } from './suite.js'
