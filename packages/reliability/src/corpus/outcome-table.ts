/**
 * The corpus's outcomes as the markdown table of `docs/bad-input.md` (a test keeps the two in sync).
 *
 * Cells are escaped where markdown would change them (`\`, `|`, backticks; `_` at a word boundary;
 * `*` when a cell has two) so that the page shows the case names literally: `'__proto__'` would render
 * as bold "proto", and the formatter (biome) rewrites it so. The comparison ignores column padding,
 * which the formatter adds.
 */
import type { CorpusCase } from './case.js'

function cell(text: string): string {
  const escaped = text
    .replace(/[\\|`]/g, (char) => `\\${char}`)
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replaceAll('\n', ' ')
  return (escaped.match(/\*/g) ?? []).length > 1 ? escaped.replaceAll('*', '\\*') : escaped
}

/** The outcomes table (header, separator, one row per case). */
export function outcomeTable(cases: readonly CorpusCase[]): string {
  const rows = cases.map(
    (c) => `| ${c.group} | ${cell(c.name)} | ${c.storages.join(', ')} | ${cell(c.expected)} |`,
  )
  return ['| input | case | storages | outcome |', '|---|---|---|---|', ...rows].join('\n')
}

/**
 * The table rows of a markdown text, padding removed: each row as its trimmed cells joined by `|`;
 * separator rows (`| --- |`) are left out. Two tables that differ only in alignment give the same rows.
 */
export function tableRows(markdown: string): string[] {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|') && line.endsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    )
    .filter((cells) => !cells.every((c) => /^:?-+:?$/.test(c)))
    .map((cells) => cells.join('|'))
}

/**
 * The outcomes grouped for the core README: one row per input group and outcome, listing its cases.
 * Shorter than {@link outcomeTable}, and kept in sync with the corpus by the same test.
 */
export function summaryTable(cases: readonly CorpusCase[]): string {
  const groups = new Map<string, { group: string; expected: string; names: string[] }>()
  for (const c of cases) {
    const id = `${c.group}\u0000${c.expected}`
    const row = groups.get(id) ?? { group: c.group, expected: c.expected, names: [] }
    row.names.push(c.name)
    groups.set(id, row)
  }
  const rows = [...groups.values()].map(
    (row) => `| ${row.group} | ${cell(row.expected)} | ${cell(row.names.join('; '))} |`,
  )
  return ['| input | outcome | cases |', '|---|---|---|', ...rows].join('\n')
}
