/**
 * `runShapesSuite` — schema 2 of the adapter conformance suite (real-world shapes), registered the same
 * way as schema 1's `runAdapterSuite`: one options object with the caller's test runner, one outer
 * describe per call, one inner describe per concern file, a fresh cacheme and empty tables per test.
 *
 * ```ts
 * runShapesSuite({ runner, name: 'orm on SQLite', capabilities: { singleTableInheritance: true }, create: () => shapesHarness() })
 * ```
 */
import type { TestRunner } from '../runner.js'
import { shapesBulkTests } from './bulk.js'
import { cascadeTests } from './cascades.js'
import { concurrencyTests } from './concurrency.js'
import { type ShapesConcern, useShapesEnv } from './context.js'
import type { ShapesSuiteOptions } from './harness.js'
import { inheritanceTests } from './inheritance.js'
import { joinEntityTests } from './join-entity.js'
import { oneToOneTests } from './one-to-one.js'
import { oneWayM2mTests } from './one-way-m2m.js'
import { primaryKeyTests } from './primary-keys.js'
import { selfM2mTests } from './self-m2m.js'
import { upsertTests } from './upsert.js'

/**
 * Registers schema 2 for one adapter on one database with `options.runner`. The harness is created once
 * (in `beforeAll`), reset before every test and closed after the last one; the inheritance tests are
 * registered only with `capabilities.singleTableInheritance`.
 */
export function runShapesSuite<Tx>(options: ShapesSuiteOptions<Tx>): void {
  const { runner, ...factory } = options
  const { describe, it, expect }: TestRunner = runner
  const { capabilities } = factory
  describe(`${factory.name}: adapter conformance, real-world shapes`, () => {
    const env = useShapesEnv(runner, factory)
    const concern: ShapesConcern = { env, it, expect, capabilities }
    describe('uuid, custom and composite primary keys', () => primaryKeyTests(concern))
    describe('explicit join entity', () => joinEntityTests(concern))
    describe('self-referencing many-to-many', () => selfM2mTests(concern))
    describe('one-directional many-to-many', () => oneWayM2mTests(concern))
    describe('one-to-one', () => oneToOneTests(concern))
    describe('children saved through the parent', () => cascadeTests(concern))
    describe('upsert', () => upsertTests(concern))
    describe('writes by criteria', () => shapesBulkTests(concern))
    if (capabilities.singleTableInheritance)
      describe('single-table inheritance', () => inheritanceTests(concern))
    describe('concurrent writes', () => concurrencyTests(concern))
  })
}
