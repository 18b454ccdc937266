/**
 * The shared adapter conformance suite under jest — the README's jest wiring. Jest's globals are passed
 * in as the runner. (In this repository the file is only type-checked against jest's declarations, by
 * test/runner.test.ts; adapters here run the suite under vitest.)
 */
import { runAdapterSuite, runShapesSuite } from '@cacheme/test-suite'
import { myOrmHarness, myOrmShapesHarness } from './support/my-orm-harness.js'

const capabilities = { softDelete: true, savepoints: true }

runAdapterSuite({
  runner: { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach },
  name: 'my-orm on PostgreSQL',
  capabilities,
  create: () => myOrmHarness('postgres'),
})

// Schema 2, the real-world shapes: its own harness, the same runner.
runShapesSuite({
  runner: { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach },
  name: 'my-orm on PostgreSQL',
  capabilities: { singleTableInheritance: true },
  create: () => myOrmShapesHarness('postgres'),
})
