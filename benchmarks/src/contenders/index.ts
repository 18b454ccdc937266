/** Every contender, and which workloads run which. */
import { bentocacheRedis, bentocacheRedisTags, bentocacheTiered } from '@cacheme/bench-peers/bentocache'
import { cacheManager } from '@cacheme/bench-peers/cache-manager'
import type { Contender } from '@cacheme/bench-peers/contract'
import { typeCacheable } from '@cacheme/bench-peers/type-cacheable'
import { cachemeContender, cachemeL1Contender, cachemeMemoryContender } from './cacheme.js'
import {
  handRolledContender,
  RAW_MISS_LABEL,
  rawGet5Contender,
  rawGetContender,
  rawHgetContender,
  rawScanContender,
  rawUnlinkContender,
} from './raw.js'

export {
  cachemeContender,
  cachemeL1Contender,
  handRolledContender,
  RAW_MISS_LABEL,
  rawGetContender,
  rawScanContender,
  rawUnlinkContender,
}

/** The peers, in report order. */
export const peers: readonly Contender[] = [
  bentocacheRedis,
  bentocacheRedisTags,
  bentocacheTiered,
  typeCacheable,
  cacheManager,
]

/** Workload 1 (hit): every baseline, cacheme on Redis and in memory, every peer. */
export const hitContenders: readonly Contender[] = [
  rawGetContender,
  rawHgetContender,
  rawGet5Contender,
  handRolledContender,
  cachemeContender,
  cachemeL1Contender,
  cachemeMemoryContender,
  ...peers,
]

/** Workloads 2 and 6 (miss + write, round trips): the baseline, the hand-rolled cache, cacheme, the peers. */
export const missContenders: readonly Contender[] = [
  rawGetContender,
  handRolledContender,
  cachemeContender,
  cachemeL1Contender,
  ...peers,
]

/**
 * Workload 3 (invalidate an entity's dependents): the UNLINK floor, cacheme, and every peer — those without
 * dependency tracking are listed too, so the report says why they have no number.
 */
export const invalidateContenders: readonly Contender[] = [
  rawUnlinkContender,
  handRolledContender,
  cachemeContender,
  ...peers,
]

/** Workload 4 (pattern invalidation): the SCAN + UNLINK floor, cacheme, the peers on Redis. */
export const patternContenders: readonly Contender[] = [
  rawScanContender,
  cachemeContender,
  bentocacheRedis,
  typeCacheable,
  cacheManager,
]
