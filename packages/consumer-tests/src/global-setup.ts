/** Packs the public packages once for every test file of this package (see src/pack.ts). */
import { packAll } from './pack.js'

export default function setup(): void {
  packAll()
}
