/**
 * The two places the adapter listens to a MikroORM instance, installed **once per ORM** however many
 * cacheme instances attach, and fanned out to the attached adapters:
 *
 * 1. One `EventSubscriber` on `orm.em`'s event manager. Forks share it (`em.fork()` reuses the event
 *    manager; `em.transactional()` forks clone it, subscribers included). MikroORM has no way to
 *    unregister a subscriber, so it stays registered and forwards to nobody after the last detach.
 * 2. The write connection's `execute()` — the method every SQL statement MikroORM runs goes through
 *    (flushes, `nativeUpdate` / `nativeDelete`, `insert` / `insertMany`, `upsert`, QueryBuilder writes,
 *    `em.execute()`). MikroORM 6 dispatches no event for any write outside a flush, so this is the only
 *    place they can be seen and **awaited**: the wrapper hands the statement to the adapters after it
 *    succeeded and before the caller's promise resolves. It is removed again when the last adapter
 *    detaches (unless something else wrapped `execute` on top of it since; it then forwards to nobody).
 *    The driver's write methods are wrapped alongside, only to tell `execute()` which entity and rows
 *    a statement is about (`driver-calls.ts`).
 *
 * Why wrapping `execute` is the least fragile option: see docs/decisions/0015-mikro-orm-native-writes.md.
 * Known limits: queries run on the knex instance directly (`em.getKnex()`) bypass `execute` and are
 * invisible, like any raw driver access; event managers created with `fork({ freshEventManager: true })`,
 * or cloned before the adapter was attached, do not carry the subscriber.
 */
import type { EventSubscriber, FlushEventArgs, MikroORM, TransactionEventArgs } from '@mikro-orm/core'
import { wrapDriverCalls } from './driver-calls.js'

/** What one attached adapter receives. */
export interface OrmListener {
  onFlush(args: FlushEventArgs): Promise<void> | void
  afterFlush(args: FlushEventArgs): Promise<void> | void
  afterTransactionStart(args: TransactionEventArgs): void
  afterTransactionCommit(args: TransactionEventArgs): Promise<void> | void
  afterTransactionRollback(args: TransactionEventArgs): void
  /**
   * A statement is about to run (`execute()`'s query, transaction context and logger context):
   * `undefined` to ignore it, else a token passed back to `executed`/`failed`.
   */
  executing(query: unknown, ctx: unknown, loggerContext: unknown): unknown
  /** The statement of `token` succeeded; the caller's promise resolves after the returned one. */
  executed(token: unknown): Promise<void> | undefined
  /** The statement of `token` failed. */
  failed(token: unknown): void
  /** Whether a driver write of `entityName` on transaction `ctx` belongs to a flush running on it. */
  isFlushWrite(entityName: string, ctx: unknown): boolean
}

type Execute = (
  this: unknown,
  query: unknown,
  params?: unknown,
  method?: unknown,
  ctx?: unknown,
  loggerContext?: unknown,
  ...rest: unknown[]
) => Promise<unknown>
interface ExecutingConnection {
  execute: Execute
}

const hubs = new WeakMap<object, OrmHooks>()

/** The hub of one MikroORM instance. */
export class OrmHooks {
  readonly #listeners = new Set<OrmListener>()
  readonly #connection: ExecutingConnection
  readonly #driver: object
  #unwrapDriver: (() => void) | undefined
  #original: Execute | undefined
  #wrapper: Execute | undefined
  #ownProperty = false

  private constructor(orm: MikroORM) {
    orm.em.getEventManager().registerSubscriber(this.#subscriber())
    this.#driver = orm.em.getDriver()
    this.#connection = orm.em.getDriver().getConnection('write') as unknown as ExecutingConnection
  }

  /** The hub of `orm`, created (and its subscriber registered) on first use. */
  static of(orm: MikroORM): OrmHooks {
    let hub = hubs.get(orm)
    if (!hub) {
      hub = new OrmHooks(orm)
      hubs.set(orm, hub)
    }
    return hub
  }

  /** Starts forwarding to `listener`; the returned function stops it (idempotent). */
  add(listener: OrmListener): () => void {
    this.#listeners.add(listener)
    this.#wrap()
    return () => {
      this.#listeners.delete(listener)
      if (this.#listeners.size === 0) this.#unwrap()
    }
  }

  #subscriber(): EventSubscriber {
    const each =
      <K extends keyof OrmListener>(name: K) =>
      (args: never) =>
        this.#all(name, args)
    return {
      onFlush: each('onFlush'),
      afterFlush: each('afterFlush'),
      afterTransactionStart: each('afterTransactionStart'),
      afterTransactionCommit: each('afterTransactionCommit'),
      afterTransactionRollback: each('afterTransactionRollback'),
    }
  }

  /** Calls `name` on every listener; resolves when all returned promises did (MikroORM awaits it). */
  #all(name: keyof OrmListener, args: never): Promise<void> | undefined {
    // No array on the common path (one adapter attached, at most one promise).
    let first: Promise<void> | undefined
    let more: Promise<void>[] | undefined
    for (const listener of this.#listeners) {
      const result = (listener[name] as (args: never) => unknown).call(listener, args)
      if (!(result instanceof Promise)) continue
      if (!first) first = result as Promise<void>
      else if (more) more.push(result as Promise<void>)
      else more = [first, result as Promise<void>]
    }
    return more ? Promise.all(more).then(() => undefined) : first
  }

  #wrap(): void {
    const listeners = this.#listeners
    this.#unwrapDriver ??= wrapDriverCalls(this.#driver, (entityName, ctx) => {
      for (const listener of listeners) if (!listener.isFlushWrite(entityName, ctx)) return false
      return listeners.size > 0
    })
    if (this.#wrapper) return
    const original = this.#connection.execute
    // Not an async function, no rest parameters: a read, or a flush's own statement (any statement no
    // listener wants), costs no extra promise and no array.
    const wrapper: Execute = function (this: unknown, query, _params, _method, ctx, loggerContext) {
      let tokens: [OrmListener, unknown][] | undefined
      for (const listener of listeners) {
        const token = listener.executing(query, ctx, loggerContext)
        if (token === undefined) continue
        tokens ??= []
        tokens.push([listener, token])
      }
      // biome-ignore lint/complexity/noArguments: passed through untouched, without a copy
      const running = original.apply(this, arguments as unknown as Parameters<Execute>)
      if (!tokens) return running
      const taken = tokens
      return running.then(
        async (result) => {
          const deliveries: Promise<void>[] = []
          for (const [listener, token] of taken) {
            const delivery = listener.executed(token)
            if (delivery) deliveries.push(delivery)
          }
          if (deliveries.length > 0) await Promise.all(deliveries)
          return result
        },
        (error: unknown) => {
          for (const [listener, token] of taken) listener.failed(token)
          throw error
        },
      )
    }
    this.#original = original
    this.#ownProperty = Object.hasOwn(this.#connection, 'execute')
    this.#wrapper = wrapper
    this.#connection.execute = wrapper
  }

  #unwrap(): void {
    this.#unwrapDriver?.()
    this.#unwrapDriver = undefined
    // Only undo our own wrapper: if something wrapped execute on top of it, removing ours would remove
    // theirs too. Ours then stays, forwarding to no listener (one Set iteration per statement).
    if (this.#wrapper && this.#connection.execute === this.#wrapper && this.#original) {
      if (this.#ownProperty) this.#connection.execute = this.#original
      else delete (this.#connection as Partial<ExecutingConnection>).execute
      this.#wrapper = undefined
      this.#original = undefined
    }
  }
}
