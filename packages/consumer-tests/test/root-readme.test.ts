/** The root README's package table names every public package with its current version and README. */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { publicPackages, root } from '../src/workspace.js'

const readme = readFileSync(join(root, 'README.md'), 'utf8')
const table = readme.slice(readme.indexOf('## Packages'), readme.indexOf('## Benchmarks'))

describe('root README package table', () => {
  it.each(publicPackages())('lists $json.name with its version and a link to its README', ({ dir, json }) => {
    const row = table.split('\n').find((line) => line.startsWith(`| [\`${json.name}\`](${dir})`))
    expect(row, `no row for ${json.name}`).toBeDefined()
    expect(row).toContain(`| \`${json.version}\` |`)
    expect(existsSync(join(root, dir, 'README.md'))).toBe(true)
  })
})
