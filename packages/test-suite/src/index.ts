/**
 * `@cacheme/test-suite` — the one conformance suite every cacheme ORM adapter runs (private package).
 * See `suite.ts` for the wiring and `harness.ts` for what an adapter's harness must implement.
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
export { runAdapterSuite } from './suite.js'
