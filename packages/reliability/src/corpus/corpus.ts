/** The whole corpus: the asserted cases, by group, and the defect cases (`defects.ts`). */
import type { CorpusCase } from './case.js'
import { FIXED_CASES } from './cases-fixed.js'
import { KEY_CASES } from './cases-keys.js'
import { PATTERN_CASES } from './cases-patterns.js'
import { STORAGE_CASES } from './cases-storage.js'
import { VALUE_CASES } from './cases-values.js'

export { DEFECT_CASES, type DefectCase } from './defects.js'

/** Every case whose documented outcome holds today (CI asserts each, on each of its storages). */
export const CASES: readonly CorpusCase[] = [
  ...KEY_CASES,
  ...VALUE_CASES,
  ...PATTERN_CASES,
  ...STORAGE_CASES,
  ...FIXED_CASES,
]
