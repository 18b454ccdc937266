/**
 * Attaches an adapter that subscribes to nothing, to get hold of the real `AdapterContext` a cacheme
 * instance gives its adapters (what core's adapter building blocks are handed in production).
 */
import type { AdapterContext } from '../../src/adapter/index.js'
import type { Cacheme } from '../../src/index.js'

export async function attachProbe(cm: Cacheme): Promise<AdapterContext> {
  let context: AdapterContext | undefined
  await cm.attach({
    name: 'probe',
    attach(given) {
      context = given
      return async () => {}
    },
  })
  return context!
}
