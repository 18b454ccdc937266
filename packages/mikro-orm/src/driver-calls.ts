/**
 * The driver calls behind MikroORM's writes outside a flush, and which rows they name.
 *
 * `em.nativeUpdate()`, `nativeDelete()`, `insert(Many)()` and `upsert(Many)()` all end in one of the
 * driver's five write methods (`nativeInsert`, `nativeInsertMany`, `nativeUpdate`, `nativeUpdateMany`,
 * `nativeDelete`), called with the **entity name** and the criteria or values. The SQL statement they
 * run only names a table — under single-table inheritance every class shares it — so the statement
 * observer (`native-writes.ts`) would have to invalidate every class of the table, and every row of the
 * model even when the statement names one row by its primary key. The driver is shared by every fork,
 * so its write methods are wrapped once per ORM (beside the connection's `execute`, in `orm-hooks.ts`):
 * each call passes a {@link DriverCall} to its statements through `options.loggerContext`, which every
 * one of those methods hands to the connection's `execute()` unchanged, under a symbol (so that no
 * logger prints it and no user key collides with it).
 *
 * The flush's own statements go through the same methods; they are told apart by the statement
 * observer's flush plans — the call only adds precision to writes that are native — and a call the
 * plans already claim (`isFlushWrite`: its transaction has a running flush writing its entity's table)
 * is passed through untouched, so that a flush pays no copy of its options.
 *
 * Known limit: a MikroORM version that stops passing `loggerContext` through loses only precision — the
 * statement is still seen, and its table invalidated model-wide.
 */
import type { EntityMetadata } from '@mikro-orm/core'
import { primaryKeyOf } from './orm-model.js'

/** The key a {@link DriverCall} is passed under in `options.loggerContext`. */
export const DRIVER_CALL: unique symbol = Symbol.for('cacheme.mikro-orm.driver-call')

/** One call of a driver write method: what a statement it runs is known to change. */
export interface DriverCall {
  /** The entity name the call was made with (an STI child's own name for `nativeUpdate(Photo, …)`). */
  readonly entity: string
  readonly kind: 'insert' | 'update' | 'upsert' | 'delete'
  /** `where` of an update/upsert/delete (one per row for `nativeUpdateMany`), `data` of an insert. */
  readonly rows: readonly unknown[]
  /** `options.onConflictFields` of an upsert, when given. */
  readonly conflictFields?: unknown
}

type WriteMethod = (this: unknown, entityName: unknown, ...args: unknown[]) => Promise<unknown>
type Method = keyof typeof OPTIONS_AT
type Driver = Record<Method, WriteMethod>
interface CallOptions {
  ctx?: unknown
  loggerContext?: object
  upsert?: boolean
  onConflictFields?: unknown
}

/** The wrapped methods, and where each takes its options (after the entity name). */
const OPTIONS_AT = {
  nativeInsert: 1, // (entityName, data, options)
  nativeInsertMany: 1, // (entityName, data[], options, transform)
  nativeUpdate: 2, // (entityName, where, data, options)
  nativeUpdateMany: 2, // (entityName, where[], data[], options)
  nativeDelete: 1, // (entityName, where, options)
} as const

/**
 * Wraps `driver`'s write methods (own properties over the prototype's); the returned function restores
 * each one that is still ours. `isFlushWrite(entityName, ctx)` says whether a call is a running flush's.
 */
export function wrapDriverCalls(
  driver: object,
  isFlushWrite: (entityName: string, ctx: unknown) => boolean,
): () => void {
  const target = driver as Driver
  const restore: (() => void)[] = []
  for (const method of Object.keys(OPTIONS_AT) as Method[]) {
    const original = target[method]
    if (typeof original !== 'function') continue
    const own = Object.hasOwn(target, method)
    const at = OPTIONS_AT[method]
    // `arguments` rather than rest parameters and spreads: a flush's own writes pass through here, and
    // they should cost no array (its statements are claimed by the flush plans, see the module doc).
    const wrapper: WriteMethod = function (this: unknown, entityName) {
      // biome-ignore lint/complexity/noArguments: passed through untouched, without a copy
      const passed = arguments
      const options = (passed[at + 1] ?? {}) as CallOptions
      if (typeof entityName === 'string' && options.ctx && isFlushWrite(entityName, options.ctx))
        return original.apply(this, passed as unknown as Parameters<WriteMethod>)
      const args = Array.prototype.slice.call(passed, 1) as unknown[]
      const call = describe(method, entityName, args, options)
      if (call) args[at] = { ...options, loggerContext: { ...options.loggerContext, [DRIVER_CALL]: call } }
      return original.call(this, entityName, ...args)
    }
    target[method] = wrapper
    restore.push(() => {
      if (target[method] !== wrapper) return
      if (own) target[method] = original
      else delete (target as Partial<Driver>)[method]
    })
  }
  return () => {
    for (const undo of restore) undo()
  }
}

function describe(
  method: Method,
  entityName: unknown,
  args: readonly unknown[],
  options: CallOptions,
): DriverCall | undefined {
  const entity = typeof entityName === 'string' ? entityName : (entityName as { name?: unknown })?.name
  if (typeof entity !== 'string') return undefined
  switch (method) {
    case 'nativeInsert':
      return { entity, kind: 'insert', rows: [args[0]] }
    case 'nativeInsertMany':
      return { entity, kind: 'insert', rows: Array.isArray(args[0]) ? args[0] : [] }
    case 'nativeDelete':
      return { entity, kind: 'delete', rows: [args[0]] }
    case 'nativeUpdate':
    case 'nativeUpdateMany': {
      const rows = method === 'nativeUpdate' ? [args[0]] : Array.isArray(args[0]) ? args[0] : []
      return options.upsert
        ? { entity, kind: 'upsert', rows, conflictFields: options.onConflictFields }
        : { entity, kind: 'update', rows }
    }
  }
}

/**
 * The primary keys of the rows `call` changes, in the form `primaryKeyOf` gives them — or `undefined`
 * when they are not all known (criteria on other columns, an upsert on another unique column, an
 * insert without its key, a delete: its cascaded pivot rows are unknown anyway).
 */
export function rowsOf(call: DriverCall, meta: EntityMetadata): unknown[] | undefined {
  if (call.kind === 'delete' || call.rows.length === 0) return undefined
  if (
    call.kind === 'upsert' &&
    call.conflictFields !== undefined &&
    !samePrimaryKeys(call.conflictFields, meta)
  )
    return undefined
  const ids: unknown[] = []
  for (const row of call.rows) {
    const found = call.kind === 'insert' ? keyOfValues(meta, row) : keysOfCriteria(meta, row)
    if (!found) return undefined
    ids.push(...found)
  }
  return ids
}

function samePrimaryKeys(fields: unknown, meta: EntityMetadata): boolean {
  return (
    Array.isArray(fields) &&
    fields.length === meta.primaryKeys.length &&
    meta.primaryKeys.every((pk) => fields.includes(pk))
  )
}

/** The primary key an insert gives its row, when it gives one. */
function keyOfValues(meta: EntityMetadata, row: unknown): unknown[] | undefined {
  if (typeof row !== 'object' || row === null) return undefined
  const id = primaryKeyOf(meta, row)
  return id === undefined ? undefined : [id]
}

/**
 * The primary keys criteria restrict the rows to: a bare primary key (or, for a composite key, the
 * values in key order), or an object whose top level names every key property with a value, `$eq` or
 * (single keys) `$in`. Other top-level conditions are AND-ed in MikroORM and only narrow the rows.
 */
function keysOfCriteria(meta: EntityMetadata, where: unknown): unknown[] | undefined {
  const pks = meta.primaryKeys
  if (isScalar(where)) return pks.length === 1 ? [where] : undefined
  if (Array.isArray(where))
    return pks.length > 1 && where.length === pks.length && where.every(isScalar) ? [where] : undefined
  if (typeof where !== 'object' || where === null) return undefined
  const values: unknown[][] = []
  for (const pk of pks) {
    const found = valuesOf((where as Record<string, unknown>)[pk])
    if (!found) return undefined
    values.push(found)
  }
  if (pks.length === 1) return values[0]
  // Composite: one row, every part given once (an `$in` per part would name a cross product).
  if (values.some((part) => part.length !== 1)) return undefined
  return [values.map((part) => part[0])]
}

function valuesOf(condition: unknown): unknown[] | undefined {
  if (isScalar(condition)) return [condition]
  if (typeof condition !== 'object' || condition === null) return undefined
  if ('__meta' in condition) {
    const id = primaryKeyOf((condition as { __meta: EntityMetadata }).__meta, condition)
    return id === undefined || Array.isArray(id) ? undefined : [id]
  }
  const keys = Object.keys(condition)
  if (keys.length !== 1) return undefined
  const operand = (condition as Record<string, unknown>)[keys[0]!]
  if (keys[0] === '$eq') return isScalar(operand) ? [operand] : undefined
  if (keys[0] === '$in') return Array.isArray(operand) && operand.every(isScalar) ? operand : undefined
  return undefined
}

function isScalar(value: unknown): value is string | number | bigint {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint'
}
