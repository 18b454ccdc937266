/**
 * The circuit breaker of the storage layer: closed → open → half-open → closed.
 *
 * Why: when Redis is down every operation would wait for its timeout; after `threshold` consecutive
 * failures the breaker *opens* and operations fail at once, for `cooldownMs`. After the cooldown it is
 * *half-open*: exactly one operation — the probe — is let through, and every other one keeps failing fast
 * until the probe has settled. The probe's success closes the breaker; its failure opens it for another
 * cooldown. Letting every waiting call through at the end of the cooldown instead would send a herd of
 * operations (each waiting out its timeout) to a server that is most likely still dead.
 *
 * The cooldown runs from when the breaker opened (or its probe failed), not from the last failure:
 * calls still in flight when it opened, timing out afterwards, do not extend it.
 *
 * Limits: the breaker is per storage layer, so per cacheme instance and process; it counts failures, not
 * a failure rate, so a storage failing every other call never opens it (each success resets the count).
 */

/** What {@link CircuitBreaker.acquire} grants: an ordinary call (closed) or the half-open probe. */
export type Permit = 'call' | 'probe'

export class CircuitBreaker {
  readonly #threshold: number
  readonly #cooldownMs: number
  #failures = 0
  /** 0 while closed; otherwise when the cooldown ends (ms since the epoch). */
  #openUntil = 0
  #probing = false

  /** @param threshold consecutive failures that open it. @param cooldownMs how long it stays open. */
  constructor(threshold: number, cooldownMs: number) {
    this.#threshold = threshold
    this.#cooldownMs = cooldownMs
  }

  /** True while closed: every call is granted (the steady state, checked on the hot path). */
  get closed(): boolean {
    return this.#openUntil === 0
  }

  /** True when {@link acquire} would grant a permit now (closed, or half-open with no probe in flight). */
  get allows(): boolean {
    return this.#openUntil === 0 || (!this.#probing && Date.now() >= this.#openUntil)
  }

  /**
   * Asks to make one storage call. Closed: always granted. Open: refused. Half-open: granted once, as the
   * probe; refused while the probe is in flight. Every granted permit must be settled with
   * {@link success} or {@link failure}.
   */
  acquire(): Permit | undefined {
    if (this.#openUntil === 0) return 'call'
    if (this.#probing || Date.now() < this.#openUntil) return undefined
    this.#probing = true
    return 'probe'
  }

  /** The call succeeded: the storage answers, so the breaker closes. */
  success(permit: Permit): void {
    if (permit === 'probe') this.#probing = false
    this.#failures = 0
    this.#openUntil = 0
  }

  /** The call failed: one more consecutive failure; at the threshold (or when the probe fails) it opens. */
  failure(permit: Permit): void {
    if (permit === 'probe') this.#probing = false
    this.#failures += 1
    // Calls granted before it opened may still time out one by one afterwards: they must not push the
    // cooldown further out (recovery would then wait for the last of them). Only the probe re-opens.
    if (this.#openUntil !== 0 && permit !== 'probe') return
    if (this.#failures >= this.#threshold) this.#openUntil = Date.now() + this.#cooldownMs
  }
}
