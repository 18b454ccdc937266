/**
 * A small seeded PRNG (mulberry32), so every harness run is reproducible from its seed: the same seed
 * gives the same key choices, write kinds and pauses (the OS scheduler still interleaves processes
 * differently from run to run, which is the point of running them).
 */
export class Random {
  #state: number

  constructor(seed: number) {
    this.#state = seed >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0
    let t = this.#state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!
  }

  /** A derived generator for a sub-task (a loop, a worker), independent of this one's later draws. */
  fork(salt: number): Random {
    return new Random(Math.imul(this.#state ^ (salt + 0x9e3779b9), 0x85ebca6b) >>> 0)
  }
}
