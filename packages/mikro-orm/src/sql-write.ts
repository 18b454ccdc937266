/**
 * Which table a SQL statement writes, from its text — only as much as invalidation needs, and failing
 * towards more invalidation, never less:
 *
 * - `INSERT [OR …] INTO t`, `REPLACE INTO t`, `UPDATE [ONLY] t`, `DELETE FROM t`, `TRUNCATE [TABLE] t`,
 *   `MERGE INTO t` → `{ verb, table }` (quotes removed, `schema.table` kept);
 * - any other statement that contains a write keyword (a writable CTE `WITH … UPDATE`, several statements
 *   in one string) → `'unknown'`: the caller invalidates every model;
 * - everything else (SELECT, DDL, transaction control) → `undefined`.
 *
 * MikroORM generates the first form for every write it issues, so the fallback only concerns hand-written
 * SQL passed to `em.execute()`.
 */

/** What a statement writes. */
export interface SqlWrite {
  readonly verb: 'insert' | 'update' | 'delete' | 'truncate'
  readonly table: string
}

const LEADING = /^\s*(insert|replace|update|delete|truncate|merge|with|upsert)\b/i
const TARGET =
  /^\s*(?:(insert)(?:\s+or\s+\w+)?\s+into|(replace)\s+into|(update)(?:\s+only)?|(delete)\s+from|(truncate)(?:\s+table)?(?:\s+only)?|(merge)\s+into)\s+((?:[`"[]?[\w$]+[`"\]]?\s*\.\s*)?[`"[]?[\w$]+[`"\]]?)/i
const ANY_WRITE = /\b(insert|update|delete|truncate|merge|replace)\b/i

/**
 * The exact shape MikroORM's query builder and knex generate (lowercase verb, quoted table, maybe
 * schema-qualified): one short regex instead of the general one, on every statement a flush runs.
 */
const GENERATED = /^(insert into|update|delete from) ([`"])([\w$]+)\2(?:\.([`"])([\w$]+)\4)? /
const VERBS = { 'insert into': 'insert', update: 'update', 'delete from': 'delete' } as const

/** Classifies one statement; cheap for reads (one anchored regex test). */
export function sqlWrite(sql: string): SqlWrite | 'unknown' | undefined {
  const generated = GENERATED.exec(sql)
  if (generated && !sql.includes(';')) {
    const verb = VERBS[generated[1] as keyof typeof VERBS]
    return { verb, table: generated[5] ? `${generated[3]}.${generated[5]}` : generated[3]! }
  }
  if (!LEADING.test(sql)) return undefined
  const match = TARGET.exec(sql)
  if (!match) return ANY_WRITE.test(sql) ? 'unknown' : undefined
  // A second statement after the first one's end: we would only see the first table.
  if (sql.includes(';') && /;\s*\S/.test(sql.replace(/'(?:[^']|'')*'/g, "''"))) return 'unknown'
  const verb =
    match[1] || match[2] ? 'insert' : match[3] || match[6] ? 'update' : match[4] ? 'delete' : 'truncate'
  const table = match[7]!.replace(/[`"[\]\s]/g, '')
  return { verb, table }
}
