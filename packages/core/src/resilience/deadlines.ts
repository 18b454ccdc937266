/**
 * The per-operation timeout of the storage layer, with one timer for all operations in flight, and the
 * translation of driver errors into `CachemeError`s.
 *
 * Why not a `setTimeout` per operation: arming and clearing a timer and racing two promises costs about
 * 1–3 µs per call (benchmarks/PROFILE.md), as much as everything else cacheme does on a hit. Every
 * operation of a layer has the same timeout, so deadlines come in the order operations start: a FIFO
 * queue is sorted by deadline for free. One timer, armed for the oldest unsettled deadline, wakes up at
 * most about once per timeout period under steady load; settling an operation only marks its entry, and
 * the queue drops settled entries from its head (replies mostly arrive in order, so the head keeps up).
 *
 * Driver errors are classified once, here: a reply about the data at a key (`WRONGTYPE`, a non-numeric
 * counter) is `E_STORAGE_DATA` — the server is reachable, so that is not a failure of the storage — and
 * everything else `E_STORAGE_UNAVAILABLE`.
 *
 * Limits: a timed-out operation is abandoned, not cancelled: it may still complete on the server later.
 * For writes that is safe (the race guard and the set memberships are written together, or in an order
 * that keeps the guard sound on Cluster); for invalidations the caller retries, which is idempotent.
 * Timeouts fire up to one timer tick late (the event loop must be free to run the timer).
 */
import { CachemeError, toError } from '../errors.js'

/** Told how each tracked operation ended (the circuit breaker's accounting). */
export interface Outcome<P> {
  success(permit: P): void
  failure(permit: P, error: unknown): void
}

/** One operation in flight. */
interface Pending<P> {
  readonly deadline: number
  readonly name: string
  readonly permit: P
  /** Rejects the caller's promise. */
  readonly reject: (error: unknown) => void
  done: boolean
}

/** Entries dropped from the head before the array is compacted. */
const COMPACT_AT = 1024

/** Deadlines of every storage operation of one layer. */
export class OperationDeadlines<P> {
  readonly #timeoutMs: number
  readonly #outcome: Outcome<P>
  #queue: Pending<P>[] = []
  #head = 0
  #timer: NodeJS.Timeout | undefined

  /** @param timeoutMs the timeout of every operation. @param outcome told how each ended. */
  constructor(timeoutMs: number, outcome: Outcome<P>) {
    this.#timeoutMs = timeoutMs
    this.#outcome = outcome
  }

  /**
   * The operation, settled by its deadline at the latest. Driver errors become `E_STORAGE_UNAVAILABLE`
   * (the original as `cause`), a `CachemeError` passes unchanged, and an operation still running after
   * the timeout rejects with `E_STORAGE_TIMEOUT`. `outcome` hears of every operation exactly once.
   */
  track<T>(operation: Promise<T>, name: string, permit: P): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending: Pending<P> = {
        deadline: performance.now() + this.#timeoutMs,
        name,
        permit,
        reject,
        done: false,
      }
      this.#queue.push(pending)
      this.#timer ??= this.#arm(this.#timeoutMs)
      operation.then(
        (value) => {
          if (pending.done) return
          pending.done = true
          this.#compact()
          this.#outcome.success(permit)
          resolve(value)
        },
        (error: unknown) => {
          if (pending.done) return
          pending.done = true
          this.#compact()
          const translated = storageError(error, name)
          this.#outcome.failure(permit, translated)
          reject(translated)
        },
      )
    })
  }

  /** Drops settled entries from the head (and compacts the array now and then). */
  #compact(): void {
    const queue = this.#queue
    while (this.#head < queue.length && queue[this.#head]!.done) this.#head += 1
    if (this.#head === queue.length) {
      this.#queue = []
      this.#head = 0
    } else if (this.#head >= COMPACT_AT) {
      this.#queue = queue.slice(this.#head)
      this.#head = 0
    }
  }

  #arm(delayMs: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.#sweep(), Math.max(1, Math.ceil(delayMs)))
    timer.unref()
    return timer
  }

  /** Expires every entry whose deadline passed, then re-arms for the oldest one left. */
  #sweep(): void {
    this.#timer = undefined
    const now = performance.now()
    for (;;) {
      this.#compact()
      const head = this.#queue[this.#head]
      if (head === undefined) return
      if (head.deadline > now) {
        this.#timer = this.#arm(head.deadline - now)
        return
      }
      head.done = true
      const error = timeoutError(head.name, this.#timeoutMs)
      this.#outcome.failure(head.permit, error)
      head.reject(error)
    }
  }
}

/** The error of an operation that did not settle in time. */
export function timeoutError(name: string, timeoutMs: number): CachemeError {
  return new CachemeError(
    'E_STORAGE_TIMEOUT',
    `storage operation '${name}' took longer than ${timeoutMs} ms → check that Redis is reachable, or raise 'operationTimeoutMs'.`,
  )
}

/**
 * Redis replies that say "the data at this key is not what the command expects": `WRONGTYPE`, and the
 * errors of INCR/ZADD on a string or score that is not a number. Matched anywhere in the message because
 * a script's error wraps the command's (`ERR user_script:12: WRONGTYPE Operation against …`).
 */
const DATA_REPLY = /WRONGTYPE|value is not an integer|is not a valid float|value is not a valid float/

/**
 * True for an error *reply* about the data at a key (the server answered). Such an error concerns that
 * key only: it must not count as an availability failure (see `resilient-storage.ts`).
 */
export function isDataError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError' && DATA_REPLY.test(error.message)
}

/**
 * A driver error as a `CachemeError`: `E_STORAGE_DATA` for a data error reply (see {@link isDataError}),
 * `E_STORAGE_UNAVAILABLE` for anything else; a `CachemeError` is kept as it is.
 */
export function storageError(error: unknown, name: string): CachemeError {
  if (CachemeError.is(error)) return error
  if (isDataError(error)) {
    return new CachemeError(
      'E_STORAGE_DATA',
      `storage operation '${name}' failed on a key holding data of the wrong kind: ${toError(error).message} → a key under cacheme's prefix was written by something else; delete it or use another prefix. Only this key is affected.`,
      { cause: error },
    )
  }
  return new CachemeError(
    'E_STORAGE_UNAVAILABLE',
    `storage operation '${name}' failed: ${toError(error).message} → check the Redis connection; cacheme keeps serving uncached values meanwhile.`,
    { cause: error },
  )
}
