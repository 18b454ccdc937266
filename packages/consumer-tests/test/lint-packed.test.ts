/**
 * publint and arethetypeswrong on the packed tarballs (what the registry gets), for every public package:
 * zero messages from publint at its strictest level, zero problems from attw under the `esm-only`
 * profile. That profile leaves out two resolution modes, on purpose (decision 0027): `node10` (TypeScript's
 * pre-`exports` resolution, which cannot see subpath exports) and `node16-cjs`, which attw reports as
 * "ESM (dynamic import only)" — Node >= 20.19 `require()`s our ESM and TypeScript >= 5.8 compiles that
 * under `module: nodenext`, which the CommonJS consumer in consumers.test.ts proves by doing it.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { publint } from 'publint'
import { describe, expect, it } from 'vitest'
import { packed } from '../src/pack.js'

const attw = fileURLToPath(new URL('../node_modules/.bin/attw', import.meta.url))
const excludedByProfile = new Set(['node10', 'node16-cjs'])

interface AttwReport {
  readonly problems: Record<string, { kind: string; entrypoint: string; resolutionKind?: string }[]>
}

describe.each([...packed()])('the packed %s', (_name, tarball) => {
  it('has no publint message at any level (strict)', async () => {
    const bytes = readFileSync(tarball)
    const { messages } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      level: 'suggestion',
      strict: true,
    })
    expect(messages).toEqual([])
  })

  it('has no arethetypeswrong problem for ESM consumers (profile esm-only; exit status 0)', () => {
    // execFileSync throws on a non-zero exit: attw exits 1 when a problem is left after the profile.
    const out = execFileSync(attw, [tarball, '--profile', 'esm-only', '--format', 'json'], {
      encoding: 'utf8',
    })
    const report = JSON.parse(out) as AttwReport
    const kept = Object.values(report.problems)
      .flat()
      .filter((problem) => !problem.resolutionKind || !excludedByProfile.has(problem.resolutionKind))
    expect(kept).toEqual([])
  })
})
