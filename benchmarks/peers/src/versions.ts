/** Installed versions of the peer libraries (read from their package.json files). */
import { readFileSync } from 'node:fs'

const PACKAGES = [
  'bentocache',
  '@type-cacheable/core',
  '@type-cacheable/ioredis-adapter',
  'cache-manager',
  '@keyv/redis',
  'keyv',
  'ioredis',
] as const

/** `{ name: version }` of every peer package as installed next to this file. */
export function peerVersions(): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of PACKAGES) {
    const path = new URL(`../node_modules/${name}/package.json`, import.meta.url)
    out[name === 'ioredis' ? 'ioredis (peers)' : name] = (
      JSON.parse(readFileSync(path, 'utf8')) as { version: string }
    ).version
  }
  return out
}
