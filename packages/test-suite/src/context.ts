/**
 * Per-test environment of schema 1 (`User`, `Book`, `Book.users`): the shared base (`env.ts`: a fresh
 * cacheme on real Redis, empty tables, counting probes) plus the standard probes over this schema.
 */
import { type BaseEnv, type Probe, useBaseEnv } from './env.js'
import type { AdapterCapabilities, AdapterHarness, BookRow, HarnessFactory, Id, UserRow } from './harness.js'
import type { Expect, TestRunner } from './runner.js'

export type { Probe, ProbeSpec } from './env.js'

/** What one test of schema 1 gets. */
export interface TestEnv<Tx = unknown> extends BaseEnv<AdapterHarness<Tx>> {
  /** The standard probes over the suite's schema. */
  readonly probes: StandardProbes
}

/** Probes every concern file uses; each is created lazily, once per test. */
export interface StandardProbes {
  /** `Book:<id>>detail`, invalid key `Book:<id>`. */
  readonly book: Probe<[Id], BookRow | null>
  /** `User:<id>>detail`, invalid key `User:<id>`. */
  readonly user: Probe<[Id], UserRow | null>
  /** The seed's "left": users of a book, `Book:<id>>users`, invalid key `Book:<id>:users`. */
  readonly bookUsers: Probe<[Id], Id[]>
  /** The seed's "right": books of a user, `User:<id>>books`, invalid key `User:<id>:books`. */
  readonly userBooks: Probe<[Id], Id[]>
  /** Every book, `Books>all`, invalid key = the model-level key `Book`. */
  readonly allBooks: Probe<[], BookRow[]>
}

/** What each concern file gets: the current test's env, the runner's `it` / `expect`, the capabilities. */
export interface Concern {
  readonly env: () => TestEnv
  readonly it: TestRunner['it']
  readonly expect: Expect
  readonly capabilities: AdapterCapabilities
}

/** Registers the lifecycle hooks of schema 1's describe block; returns the current test's env. */
export function useEnv<Tx>(runner: TestRunner, factory: HarnessFactory<Tx>): () => TestEnv<Tx> {
  return useBaseEnv(
    runner,
    () => factory.create(),
    (base) => {
      let standard: StandardProbes | undefined
      return Object.defineProperty(base, 'probes', {
        get: () => {
          standard ??= standardProbes(base)
          return standard
        },
      }) as TestEnv<Tx>
    },
  )
}

function standardProbes({ harness, probe }: BaseEnv<AdapterHarness<unknown>>): StandardProbes {
  return {
    book: probe('book', {
      key: (id) => `Book:${id}>detail`,
      invalidKeys: (id) => [`Book:${id}`],
      compute: (id) => harness.readBook(id),
    }),
    user: probe('user', {
      key: (id) => `User:${id}>detail`,
      invalidKeys: (id) => [`User:${id}`],
      compute: (id) => harness.readUser(id),
    }),
    bookUsers: probe('bookUsers', {
      key: (id) => `Book:${id}>users`,
      invalidKeys: (id) => [`Book:${id}:users`],
      compute: (id) => harness.readBookUsers(id),
    }),
    userBooks: probe('userBooks', {
      key: (id) => `User:${id}>books`,
      invalidKeys: (id) => [`User:${id}:books`],
      compute: (id) => harness.readUserBooks(id),
    }),
    allBooks: probe('allBooks', {
      key: () => 'Books>all',
      invalidKeys: () => ['Book'],
      compute: () => harness.readBooks(),
    }),
  }
}
