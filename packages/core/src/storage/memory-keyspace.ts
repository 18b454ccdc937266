/**
 * MemoryStorage's keyspace: a literal model of Redis keys (hashes, sets, strings, sorted sets), each with
 * an optional expiry, so `scan` and `deleteKeys` see exactly the keys Redis would hold.
 *
 * Expiry is lazy, as in Redis: an expired key is dropped when it is accessed or scanned, and writes also
 * check a few keys in turn (a small incremental sweep). No timer is used, so nothing keeps the process
 * alive.
 */
import { quote } from '../errors.js'

/** The value of one key. A zset's insertion order is its score order (see the guard log); a list is newest first. */
export type Value =
  | { readonly type: 'hash'; readonly fields: Map<string, string> }
  | { readonly type: 'set'; readonly members: Set<string> }
  | { readonly type: 'string'; value: string }
  | { readonly type: 'zset'; readonly scores: Map<string, number> }
  | { readonly type: 'list'; readonly items: string[] }

export interface Slot {
  readonly value: Value
  /** Absolute expiry (ms since epoch), or undefined for a persistent key. */
  expiresAt: number | undefined
}

/** Keys checked for expiry per write by the incremental sweep. */
const SWEEP_PER_WRITE = 8

export class MemoryKeyspace {
  readonly #keys = new Map<string, Slot>()
  #sweep: Iterator<[string, Slot]> | undefined

  /** The live slot of a key, dropping it if expired. */
  slot(key: string, now = Date.now()): Slot | undefined {
    const slot = this.#keys.get(key)
    if (slot?.expiresAt !== undefined && slot.expiresAt <= now) {
      this.#keys.delete(key)
      return undefined
    }
    return slot
  }

  /** The value of a key of the expected type; a key of another type is an error, as in Redis. */
  typed<T extends Value['type']>(key: string, type: T): Extract<Value, { type: T }> | undefined {
    const value = this.slot(key)?.value
    if (value === undefined) return undefined
    if (value.type !== type) {
      throw new Error(`WRONGTYPE Operation against a key holding the wrong kind of value: ${quote(key)}`)
    }
    return value as Extract<Value, { type: T }>
  }

  /** A string key as a number (0 when missing or unparsable, like `parseSeq`). */
  number(key: string): number {
    const value = Number(this.typed(key, 'string')?.value ?? 0)
    return Number.isFinite(value) ? value : 0
  }

  /** Sets a persistent string key. */
  setString(key: string, value: string): void {
    const slot = this.#keys.get(key)
    if (slot?.value.type === 'string') slot.value.value = value
    else this.#keys.set(key, { value: { type: 'string', value }, expiresAt: undefined })
  }

  set(key: string, slot: Slot): void {
    this.#keys.set(key, slot)
  }

  /** @returns whether the key existed (expired or not). */
  delete(key: string): boolean {
    return this.#keys.delete(key)
  }

  /** A snapshot of the key names (expired ones included until touched). */
  keys(): string[] {
    return [...this.#keys.keys()]
  }

  /** Checks a few keys for expiry per write, cycling through the keyspace (Redis' active expiry, small). */
  sweepSome(now: number): void {
    for (let i = 0; i < SWEEP_PER_WRITE; i++) {
      this.#sweep ??= this.#keys.entries()
      const next = this.#sweep.next()
      if (next.done === true) {
        this.#sweep = undefined
        return
      }
      this.slot(next.value[0], now)
    }
  }
}
