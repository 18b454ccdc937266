/**
 * `sqlWrite`: which table a statement writes, from its text — failing towards more invalidation
 * (`'unknown'`: every model) and never towards less.
 */
import { describe, expect, it } from 'vitest'
import { sqlWrite } from '../src/sql-write.js'

describe('sqlWrite', () => {
  it.each([
    ['insert into `book` (`title`) values (?)', 'insert', 'book'],
    ['update "cm_1"."book" set "title" = ? where "id" = ?', 'update', 'cm_1.book'],
    ['delete from "book_users" where "book_id" in (?)', 'delete', 'book_users'],
    ['INSERT OR REPLACE INTO book (title) VALUES (1)', 'insert', 'book'],
    ['replace into `book` values (1)', 'insert', 'book'],
    ['  UPDATE ONLY public.book SET title = 1', 'update', 'public.book'],
    ['truncate table "book"', 'truncate', 'book'],
    ['merge into book using x on (1=1) when matched then delete', 'update', 'book'],
  ])('%s writes %s %s', (sql, verb, table) => {
    expect(sqlWrite(sql)).toEqual({ verb, table })
  })

  it('reads, DDL and transaction control write nothing', () => {
    for (const sql of ['select * from "book"', 'create table x (id int)', 'begin', 'savepoint trx1'])
      expect(sqlWrite(sql)).toBeUndefined()
  })

  it('a writable CTE or a second statement is unknown: every model is invalidated', () => {
    expect(sqlWrite('with x as (update "book" set "title" = 1 returning *) select * from x')).toBe('unknown')
    expect(sqlWrite('update "book" set "title" = 1; delete from "user"')).toBe('unknown')
    expect(sqlWrite('update "book" set "title" = \'a;b\'')).toEqual({ verb: 'update', table: 'book' })
  })
})
