/**
 * The adapters attached to one instance (`cm.attach`): attaching, detaching, and refusing to attach the
 * same one twice.
 *
 * Attaching an adapter twice to one instance — the same adapter object, or a second adapter of the same
 * kind for the same ORM object (`CachemeAdapter.source`) — would register two subscribers, and every
 * change would be invalidated twice (twice the round trips, twice the `invalidate` events). It is always a
 * mistake (typically a setup function run twice), so it is refused with `E_ADAPTER`, for every adapter
 * alike. Two *instances* may each attach an adapter for one ORM object (two prefixes, say).
 *
 * Known limit: an adapter that does not set `source` is recognised only as the same object; adapters
 * shipped with cacheme all set it.
 */
import type { AdapterContext, CachemeAdapter, Detach } from './adapter/contract.js'
import { CachemeError, quote, toError } from './errors.js'

/** The attached adapters of one instance. */
export class AttachedAdapters {
  /** Detach functions by adapter (a no-op placeholder while its `attach` is still running). */
  readonly #attached = new Map<CachemeAdapter, Detach>()

  /**
   * Attaches `adapter` with `context`.
   * @param prefix the instance's prefix, for messages.
   * @returns its detach function, idempotent; once it ran, the ORM object may be attached again.
   * @throws CachemeError `E_ADAPTER` when it is attached already, or its `attach` throws.
   */
  async attach(adapter: CachemeAdapter, context: AdapterContext, prefix: string): Promise<Detach> {
    this.#refuseTwice(adapter, prefix)
    // Claimed before the (asynchronous) attach, so that two concurrent attach() calls cannot both pass.
    this.#attached.set(adapter, async () => {})
    let detach: Detach
    try {
      detach = await adapter.attach(context)
    } catch (error) {
      this.#attached.delete(adapter)
      throw new CachemeError(
        'E_ADAPTER',
        `attaching the ${quote(adapter?.name)} adapter failed: ${toError(error).message} → see the cause.`,
        { cause: error },
      )
    }
    let detached = false
    const once: Detach = async () => {
      if (detached) return
      detached = true
      this.#attached.delete(adapter)
      await detach()
    }
    this.#attached.set(adapter, once)
    return once
  }

  /** Detaches every adapter. */
  async detachAll(): Promise<void> {
    await Promise.all([...this.#attached.values()].map((detach) => detach()))
  }

  #refuseTwice(adapter: CachemeAdapter, prefix: string): void {
    const twice = (what: string): never => {
      throw new CachemeError(
        'E_ADAPTER',
        `${what} is already attached to this cacheme instance (prefix ${quote(prefix)}), so every change would be invalidated twice → attach it once, at startup; to attach it again, call the detach function the first cm.attach() returned.`,
        { details: { adapter: adapter?.name } },
      )
    }
    if (this.#attached.has(adapter)) twice(`this ${quote(adapter?.name)} adapter`)
    const source = adapter?.source
    if (source === undefined || source === null) return
    for (const attached of this.#attached.keys()) {
      if (attached.source === source && attached.name === adapter.name) {
        twice(`a ${quote(adapter.name)} adapter for the same ORM object`)
      }
    }
  }
}
