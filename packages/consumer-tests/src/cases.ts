/**
 * The consumer cases: one entry per adapter (plus a CommonJS application). A case's fixture lives in
 * `fixtures/<name>/`: one `tsconfig.<variant>.json` per variant, compiling `src/<entry>.ts` (the variant's
 * name unless `entry` says otherwise) to `dist/<variant>/<entry>.js`, which runs the common steps of `fixtures/shared/consumer.ts` and prints one
 * JSON line (`ConsumerReport`). Adding an adapter is one
 * entry here and its fixture directory.
 */

export interface ConsumerCase {
  readonly name: string
  /** The workspace packages the app installs from their packed tarballs. */
  readonly packages: readonly string[]
  /** Third-party packages, exact versions (cached between runs, see scratch.ts). */
  readonly dependencies: Readonly<Record<string, string>>
  /** npm `overrides` a user of this ORM needs (see the adapter's README). */
  readonly overrides?: Readonly<Record<string, unknown>>
  /** The app's module system (default `module`). */
  readonly type?: 'module' | 'commonjs'
  /** The variants: `legacy` (the ORM's `experimentalDecorators`), `tc39` (standard decorators), `cjs`. */
  readonly variants: readonly string[]
  /** The entry file of every variant (`src/<entry>.ts`), when one source is compiled in several modes. */
  readonly entry?: string
  /** Events the case's own check adds after the miss, hit and miss of `Book:1>title`. */
  readonly extraEvents?: readonly string[]
}

/** What a fixture prints: the values of each step and the cache events seen, in order. */
export interface ConsumerReport {
  readonly values: readonly unknown[]
  readonly events: readonly string[]
}

export const cases: readonly ConsumerCase[] = [
  {
    name: 'typeorm',
    packages: ['@cacheme/core', '@cacheme/typeorm'],
    dependencies: {
      typeorm: '1.1.1',
      'better-sqlite3': '12.11.1',
      'reflect-metadata': '0.2.2',
      ioredis: '6.0.0',
    },
    // typeorm declares ioredis ^5 as an optional peer (its own query cache); cacheme's RedisStorage
    // takes ioredis 5.4+ or 6. npm refuses 6 beside typeorm without this override.
    overrides: { typeorm: { ioredis: '$ioredis' } },
    variants: ['legacy', 'tc39'],
  },
  {
    name: 'sequelize',
    packages: ['@cacheme/core', '@cacheme/sequelize'],
    dependencies: { sequelize: '6.37.8', sqlite3: '6.0.1', ioredis: '6.0.0' },
    // Sequelize has no decorators of its own: one source, compiled with each decorator mode.
    entry: 'app',
    variants: ['legacy', 'tc39'],
  },
  {
    name: 'mikro-orm',
    packages: ['@cacheme/core', '@cacheme/mikro-orm'],
    dependencies: {
      '@mikro-orm/core': '6.6.16',
      '@mikro-orm/better-sqlite': '6.6.16',
      ioredis: '6.0.0',
    },
    // @mikro-orm/better-sqlite 6.6.16 depends on better-sqlite3 11.10.0 exactly; the override gives the app
    // the one native build the workspace and the TypeORM case use (12.11.1), not a second compile.
    overrides: { 'better-sqlite3': '12.11.1' },
    // Entities are EntitySchemas: one source, compiled with each decorator mode for the cached method.
    entry: 'app',
    variants: ['legacy', 'tc39'],
  },
  {
    name: 'commonjs',
    packages: ['@cacheme/core'],
    dependencies: { ioredis: '6.0.0' },
    type: 'commonjs',
    variants: ['cjs'],
  },
  {
    name: 'admin',
    packages: ['@cacheme/core', '@cacheme/admin'],
    dependencies: { ioredis: '6.0.0' },
    variants: ['esm'],
    extraEvents: ['admin tags 200 lists getTitle'],
  },
]
