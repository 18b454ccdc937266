#!/usr/bin/env node
// Rewrites relative links in the public packages' READMEs (packages/<name>/README.md) to absolute
// repository URLs, so that they work on the registry's package page: `../../docs/x.md` →
// `<repository>/blob/main/docs/x.md`, a directory → `<repository>/tree/main/<dir>`, an image → its raw
// file. Idempotent;
// packages/consumer-tests/test/metadata.test.ts fails on any relative link left.
//   node scripts/absolute-readme-links.mjs packages/core packages/typeorm
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, posix, relative, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const repo = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  .repository.url.replace(/^git\+/, '')
  .replace(/\.git$/, '')

for (const dir of process.argv.slice(2)) {
  const file = join(root, dir, 'README.md')
  const text = readFileSync(file, 'utf8')
  const out = text.replace(
    /(!?\[[^\]]*)\]\((?!https?:\/\/|#|mailto:)([^)#\s]+)(#[^)]*)?\)/g,
    (_all, label, target, anchor = '') => {
      const abs = resolve(root, dir, target)
      const path = relative(root, abs).split('\\').join(posix.sep)
      if (!existsSync(abs)) throw new Error(`${file}: link target ${target} does not exist`)
      // Images must be the raw file to render on the registry's page.
      if (label.startsWith('!'))
        return `${label}](${repo.replace('//github.com/', '//raw.githubusercontent.com/')}/main/${path})`
      const kind = statSync(abs).isDirectory() ? 'tree' : 'blob'
      return `${label}](${repo}/${kind}/main/${path}${anchor})`
    },
  )
  if (out !== text) writeFileSync(file, out)
}
