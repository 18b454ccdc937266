/**
 * The shared suite asserted with jest's `expect` (the `expect` package jest itself uses) instead of
 * vitest's: proves at run time that both schemas' assertions mean the same under jest. SQLite only — the
 * database is not what this checks.
 */
import { runAdapterSuite, runShapesSuite } from '@cacheme/test-suite'
import { expect } from 'expect'
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest'
import { typeormHarness } from './support/typeorm-harness.js'
import { typeormShapesHarness } from './support/typeorm-shapes-harness.js'

runAdapterSuite({
  runner: { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach },
  name: "typeorm on SQLite, asserted with jest's expect",
  capabilities: { softDelete: true, savepoints: true, sharedConnection: true },
  create: () => typeormHarness('sqlite'),
})
runShapesSuite({
  runner: { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach },
  name: "typeorm on SQLite, asserted with jest's expect",
  capabilities: { singleTableInheritance: true },
  create: () => typeormShapesHarness('sqlite'),
})
