/**
 * The "database" of the fault workload and what every read is checked against, kept outside the cache.
 *
 * Rows have versions. A write commits `version + 1`, then invalidates `Row:<n>` through one cacheme
 * instance; once that `invalidate()` call resolved, the version is *fresh* for that instance. A read that
 * starts afterwards must return a value computed from at least that version:
 *
 * - **own** floor: the invalidation resolved through the instance that serves the read. cacheme promises
 *   this always, even during an outage (the invalidation is queued and the instance bypasses the cache).
 * - **any** floor: the invalidation resolved through *another* instance (another process). During an
 *   outage that instance only queued it, so the documented guarantee is weaker; after recovery a read
 *   below this floor is a stale read served to another process.
 */
export class GroundTruth {
  readonly #versions: number[]
  readonly #fresh: number[][]

  constructor(rows: number, instances: number) {
    this.#versions = new Array<number>(rows).fill(0)
    this.#fresh = Array.from({ length: instances }, () => new Array<number>(rows).fill(0))
  }

  get rows(): number {
    return this.#versions.length
  }

  /** The committed version of `row` (what a compute reads). */
  version(row: number): number {
    return this.#versions[row]!
  }

  /** Commits a new version of `row`; returns it. */
  commit(row: number): number {
    this.#versions[row]! += 1
    return this.#versions[row]!
  }

  /** Records that the invalidation of `row` for `version` resolved through `instance`. */
  invalidated(instance: number, row: number, version: number): void {
    const fresh = this.#fresh[instance]!
    fresh[row] = Math.max(fresh[row]!, version)
  }

  /** The floors a read of `row` through `instance` must respect, taken when the read starts. */
  floors(instance: number, row: number): { own: number; any: number } {
    let any = 0
    for (const fresh of this.#fresh) any = Math.max(any, fresh[row]!)
    return { own: this.#fresh[instance]![row]!, any }
  }
}

/** What the cached function of the workload returns: the versions of the two rows it was computed from. */
export interface PairValue {
  readonly k: number
  readonly a: number
  readonly va: number
  readonly b: number
  readonly vb: number
}

/**
 * Where key `k` lives and which rows it depends on. Even keys are whole hashes (`Pair:<k>`, field
 * `base`), odd keys are fields of shared hashes (`Group:<g>>k<k>`), so both layouts are exercised.
 */
export function layout(
  k: number,
  rows: number,
): { key: string; hash: string; field: string; a: number; b: number } {
  const a = k % rows
  let b = (k * 7 + 3) % rows
  if (b === a) b = (a + 1) % rows
  if (k % 2 === 0) return { key: `Pair:${k}`, hash: `Pair:${k}`, field: 'base', a, b }
  const group = `Group:${k % 17}`
  return { key: `${group}>k${k}`, hash: group, field: `k${k}`, a, b }
}
