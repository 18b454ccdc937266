/** What the report prints about where and when it was measured. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'

export interface Machine {
  readonly cpuModel: string
  readonly cpus: number
  readonly memoryGiB: number
  readonly kernel: string
  readonly node: string
  readonly gitCommit: string
}

export function describeMachine(): Machine {
  let gitCommit = 'unknown'
  try {
    gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim()
    if (dirty) gitCommit += ' (uncommitted changes)'
  } catch {}
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    gitCommit,
  }
}

/** 1-minute load average and the busiest other processes (`ps`), to say how quiet the machine was. */
export function machineLoad(): { loadavg1: number; busiest: string[] } {
  let busiest: string[] = []
  try {
    busiest = execFileSync('ps', ['-eo', 'pcpu,comm', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0 && Number.parseFloat(line) >= 5)
      .slice(0, 5)
  } catch {}
  return { loadavg1: Math.round((loadavg()[0] ?? 0) * 100) / 100, busiest }
}

/** `{ name: version }` of this package's own dependencies that the report names. */
export function ownVersions(names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of names) {
    const path = new URL(`../../node_modules/${name}/package.json`, import.meta.url)
    out[name] = (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version
  }
  return out
}
