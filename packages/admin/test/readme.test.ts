/** The README's mounting examples are the code test/mounting.test.ts runs, verbatim (dedented). */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

function region(path: string, name: string): string {
  const text = readFileSync(here(path), 'utf8')
  const start = text.indexOf(`// #region ${name}\n`)
  const end = text.indexOf(`// #endregion ${name}`)
  if (start === -1 || end === -1) throw new Error(`${path} has no region ${name}`)
  const lines = text
    .slice(start + `// #region ${name}\n`.length, end)
    .split('\n')
    .slice(0, -1)
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length))
  return lines.map((line) => line.slice(indent)).join('\n')
}

describe('packages/admin/README.md', () => {
  it.each(['mount-http', 'mount-express', 'mount-fastify'])(
    'contains the %s example that mounting.test.ts runs',
    (name) => {
      const snippet = region('mounting.test.ts', name)
      expect(snippet.split('\n').length).toBeGreaterThan(3)
      expect(readFileSync(here('../README.md'), 'utf8')).toContain(snippet)
    },
  )
})
