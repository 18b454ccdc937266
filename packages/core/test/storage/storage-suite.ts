/**
 * The storage conformance suite: every `CacheStorage` implementation runs all of it, unchanged.
 *
 * Wiring (one file per storage, see `memory.test.ts`): `runStorageSuite('memory', factory, capabilities)`.
 * Each test opens its own storage on a fresh random prefix and cleans it up, so tests are independent and
 * may run in any order. Optional behaviour is declared by capabilities, never by skipping tests: a test
 * always checks the contract and adds stronger assertions where a capability promises more.
 */
import { describe } from 'vitest'
import type { StorageCapabilities, StorageFactory } from './suite-context.js'
import { invalidateTests } from './suite-invalidate.js'
import { keysTests } from './suite-keys.js'
import { lockTests } from './suite-lock.js'
import { raceGuardTests } from './suite-race-guard.js'
import { readWriteTests } from './suite-read-write.js'
import { ttlTests } from './suite-ttl.js'

export type {
  StorageCapabilities,
  StorageFactory,
  StorageHarness,
  StorageInspector,
} from './suite-context.js'

/** Registers the whole suite for one storage. */
export function runStorageSuite(
  name: string,
  factory: StorageFactory,
  capabilities: StorageCapabilities,
): void {
  describe(`${name} storage`, () => {
    describe('read and write', () => readWriteTests(factory, capabilities))
    describe('TTL', () => ttlTests(factory, capabilities))
    describe('invalidate', () => invalidateTests(factory, capabilities))
    describe('race guard', () => raceGuardTests(factory, capabilities))
    describe('sets and keys', () => keysTests(factory, capabilities))
    describe('stampede lock', () => lockTests(factory, capabilities))
  })
}
