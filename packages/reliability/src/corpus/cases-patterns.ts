/** Corpus cases: invalidation patterns and prefixes (see `case.ts` for the outcome labels). */
import { createCacheme, RedisStorage } from '@cacheme/core'
import { BOTH, type CaseContext, type CorpusCase, REDIS } from './case.js'
import { scanKeys } from './neighbours.js'
import { errorSuffix, outcomeOf, rejection } from './outcomes.js'

const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, (char) => `\\${char}`)

/** The seed's pattern fixture: `P:PATTERN:1`, `P:PATTERN:2`, `P:ANOTHER:3`, one invalid key, one tag. */
async function seeded(ctx: CaseContext) {
  const cm = ctx.make()
  const fn = cm.cacheme<[string], string>({
    key: (c) => `P:${c.args[0]}`,
    invalidKeys: () => ['User:1'],
    tag: 'pat',
  })(async (name) => name)
  for (const name of ['PATTERN:1', 'PATTERN:2', 'ANOTHER:3']) await fn(name)
  await cm.invalidate('Warm:up') // the meta keys now exist and must survive every pattern
  return cm
}

function patternCase(name: string, pattern: unknown, expected: string, dryRun = false): CorpusCase {
  return {
    group: 'pattern',
    name,
    storages: BOTH,
    expected,
    async run(ctx) {
      const cm = await seeded(ctx)
      try {
        const result = await cm.invalidatePattern(pattern as string, { dryRun })
        const left = (await cm.tags.get('pat')!.keys()).length
        const deleted = dryRun ? `, deleted ${result.deleted}` : ''
        return `matched ${result.matched}${deleted}, ${left} of 3 entries left${errorSuffix(ctx)}`
      } catch (error) {
        return rejection(error)
      }
    },
  }
}

function prefixCase(name: string, prefix: unknown, expected: string): CorpusCase {
  return {
    group: 'prefix',
    name,
    storages: BOTH,
    expected,
    run: (ctx) => outcomeOf(() => ctx.make({ prefix: prefix as string })),
  }
}

/**
 * A prefix full of glob metacharacters, next to neighbours that the *unescaped* glob would match
 * (`g1xyz:k`, `gx:1`, `g[1]*?\`): caching works and `*` deletes only this prefix's keys — the runner's
 * confinement check fails the case otherwise.
 */
const globPrefix: CorpusCase = {
  group: 'prefix',
  name: 'prefix with glob metacharacters g[1]*?\\:',
  storages: REDIS,
  expected: 'cached, pattern * removed every key of its own',
  async run(ctx) {
    const prefix = 'g[1]*?\\:'
    ctx.allowPrefix(prefix)
    const cm = createCacheme({ storage: new RedisStorage(ctx.redis), prefix })
    let runs = 0
    const fn = cm.cacheme({ key: () => 'Book:1', invalidKeys: () => ['User:1'], tag: 'glob' })(
      async () => ++runs,
    )
    await fn()
    await fn()
    await cm.invalidatePattern('*')
    await cm.close()
    // What may stay under the prefix: the tag set (meta namespace, pruned when listed) and the meta keys.
    const left = (await scanKeys(ctx.redis, `${escapeGlob(prefix)}*`)).filter(
      (key) => !key.startsWith(`${prefix}#cm:`),
    )
    return `${runs === 1 ? 'cached' : 'not cached'}, pattern * ${left.length === 0 ? 'removed every key of its own' : `left ${JSON.stringify(left)}`}`
  },
}

export const PATTERN_CASES: readonly CorpusCase[] = [
  patternCase("'*'", '*', 'matched 4, 0 of 3 entries left'),
  patternCase("'*' as a dry run", '*', 'matched 4, deleted 0, 3 of 3 entries left', true),
  patternCase("'P:PATTERN*' (the seed's example)", 'P:PATTERN*', 'matched 2, 1 of 3 entries left'),
  patternCase('empty pattern', '', 'throws E_INVALID_PATTERN'),
  patternCase('number pattern', 42, 'throws E_INVALID_PATTERN'),
  patternCase("unclosed class '['", '[', 'throws E_INVALID_PATTERN'),
  patternCase("lone backslash '\\'", '\\', 'throws E_INVALID_PATTERN'),
  patternCase("'../*'", '../*', 'matched 0, 3 of 3 entries left'),
  patternCase("'#cm:*' (the meta namespace)", '#cm:*', 'throws E_INVALID_PATTERN'),
  patternCase('2 KiB pattern', `${'x'.repeat(2048)}*`, 'throws E_INVALID_PATTERN'),
  patternCase("backtracking bomb '*a' × 600 + 'b'", `${'*a'.repeat(600)}b`, 'throws E_INVALID_PATTERN'),
  patternCase(
    "backtracking bomb '*a' × 255 + 'b' (under the limit)",
    `${'*a'.repeat(255)}b`,
    'matched 0, 3 of 3 entries left',
  ),
  prefixCase('empty prefix', '', 'throws E_INVALID_OPTION'),
  prefixCase("prefix with '>'", 'a>b:', 'throws E_INVALID_OPTION'),
  prefixCase('number prefix', 42, 'throws E_INVALID_OPTION'),
  prefixCase('unicode prefix', 'キャッシュ:', 'resolved'),
  globPrefix,
]
