/**
 * Corpus cases whose outcome today is a **defect**: `expected` is the outcome they should have once
 * fixed; `scripts/corpus.ts --defects` prints what they do today. They are not part of CI (a failing
 * test is not committed); a fix moves its case into the asserted tables (`cases-fixed.ts` holds the ones
 * issue 9 fixed). None is open today.
 */
import type { CorpusCase } from './case.js'

/** A case reproducing a defect, with its short id (the package README's defect list). */
export interface DefectCase extends CorpusCase {
  /** Short id, used in the package README's defect list. */
  readonly defect: string
}

export const DEFECT_CASES: readonly DefectCase[] = []
