import { defaultSerializer } from '@cacheme/core'
import { makePayload } from '../src/payload.js'

const s = defaultSerializer()
for (const size of [1000, 10000]) {
  const v = makePayload(size)
  const N = size > 1000 ? 5000 : 50000
  const modes: [string, () => unknown][] = [
    ['JSON.stringify', () => JSON.stringify(v)],
    ['serialize', () => s.serialize(v)],
  ]
  const best = new Map<string, number>()
  for (let r = 0; r < 15; r++)
    for (const [name, f] of modes) {
      const t = performance.now()
      for (let i = 0; i < N; i++) f()
      const us = ((performance.now() - t) * 1000) / N
      best.set(name, Math.min(best.get(name) ?? Infinity, us))
    }
  for (const [name, us] of best) console.log(size, name.padEnd(20), us.toFixed(3))
}
