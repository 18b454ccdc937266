/**
 * ioredis 5, the major the peers declare as their peer dependency (bentocache `^5.3.2`,
 * @type-cacheable/ioredis-adapter `>=5 <6`). Exported so the harness can also time a raw `GET` on the
 * client the peers actually run on, next to the raw `GET` on ioredis 6 that cacheme uses.
 */
export { Redis as Redis5 } from 'ioredis'
