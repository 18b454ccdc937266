/**
 * **Test-only, deliberately broken**: a TypeORM adapter that invalidates on entity events — which TypeORM
 * fires *before* COMMIT — instead of buffering until the transaction commits. Between that invalidation
 * and the COMMIT, another process can read the old rows and cache a value computed from them, which no
 * later invalidation removes: exactly the bug after-commit buffering exists for (DESIGN.md §3.2). The
 * consistency harness attaches it to prove it catches that bug (non-zero stale reads).
 *
 * It uses only core's public adapter surface (`entityKeys`), like a real adapter.
 */
import type { AdapterContext, CachemeAdapter } from '@cacheme/core/adapter'
import { entityKeys } from '@cacheme/core/adapter'
import type {
  DataSource,
  EntityMetadata,
  EntitySubscriberInterface,
  InsertEvent,
  ObjectLiteral,
  RemoveEvent,
  UpdateEvent,
} from 'typeorm'

class BeforeCommitSubscriber implements EntitySubscriberInterface<ObjectLiteral> {
  readonly #context: AdapterContext

  constructor(context: AdapterContext) {
    this.#context = context
  }

  afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    return this.#invalidate(event.metadata, event.entity)
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    return this.#invalidate(event.metadata, event.databaseEntity ?? event.entity)
  }

  afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    return this.#invalidate(event.metadata, event.databaseEntity)
  }

  /** Awaited by TypeORM, so the invalidation completes before the statement's transaction commits. */
  async #invalidate(metadata: EntityMetadata, row: ObjectLiteral | undefined): Promise<void> {
    const id = (row as { id?: unknown } | undefined)?.id
    if (row === undefined || id === undefined) {
      await this.#context.invalidateModel(metadata.name, { kind: 'typeorm-before-commit' })
      return
    }
    await this.#context.invalidate(entityKeys({}, metadata.name, row, id), { kind: 'typeorm-before-commit' })
  }
}

/** The broken adapter; attach with `cm.attach(beforeCommitAdapter(dataSource))`. */
export function beforeCommitAdapter(dataSource: DataSource): CachemeAdapter {
  return {
    name: 'typeorm-before-commit',
    attach(context) {
      const subscriber = new BeforeCommitSubscriber(context)
      dataSource.subscribers.push(subscriber)
      return async () => {
        const index = dataSource.subscribers.indexOf(subscriber)
        if (index !== -1) dataSource.subscribers.splice(index, 1)
      }
    },
  }
}
