// Copies the Lua scripts of the Redis storage next to the compiled module: `tsc` emits only JavaScript,
// and `src/storage/lua-script.ts` reads the scripts relative to its own URL (src in tests, dist when
// published). Run by `pnpm build` after `tsc`. Fails loudly when there is nothing to copy, so a moved
// folder cannot ship a package whose Redis storage breaks at runtime.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const from = join(root, 'src', 'storage', 'scripts')
const to = join(root, 'dist', 'storage', 'scripts')

const files = readdirSync(from).filter((name) => name.endsWith('.lua'))
if (files.length === 0) {
  process.stderr.write(`copy-lua: no .lua files in ${from}\n`)
  process.exit(1)
}
// Start clean so that a script deleted from src does not linger in dist.
rmSync(to, { recursive: true, force: true })
mkdirSync(to, { recursive: true })
for (const name of files) copyFileSync(join(from, name), join(to, name))
process.stdout.write(`copy-lua: ${files.length} scripts -> ${to}\n`)
