/**
 * The faults, each injected into real `redis-server` processes while the workload runs. `inject` returns
 * when the fault is lifted: the process resumed, restarted, listening again, or the Cluster whole again.
 *
 * | fault                     | target  | what is done                                                              |
 * |---------------------------|---------|---------------------------------------------------------------------------|
 * | `sigstop`                 | single  | SIGSTOP for the outage, then SIGCONT (a hung server: commands time out)    |
 * | `kill-restart-empty`      | single  | SIGKILL, restart on the same port after the outage with no data           |
 * | `kill-restart-rdb`        | single  | writer held, SAVE, SIGKILL (writer resumes: invalidations are queued), restart from that RDB: the snapshot contains every acknowledged invalidation |
 * | `refuse`                  | single  | the port refuses connections for the outage (data kept in memory)         |
 * | `cluster-failover-meta`   | cluster | SIGKILL the master of the race guard's `{meta}` slot once its replica is in sync; the replica takes over |
 * | `cluster-failover-data`   | cluster | SIGKILL another master (values and sets only) once its replica is in sync; the replica takes over |
 * | `cluster-failover-lossy`  | cluster | **reproduction**: SIGKILL a data master at once: Redis may lose writes it acknowledged (async replication) |
 * | `cluster-failover-meta-lossy` | cluster | **reproduction**: the same for the `{meta}` master              |
 * | `kill-restart-stale-rdb`  | single  | **defect reproduction**: SAVE, 1 s of acknowledged invalidations, writer held, SIGKILL, restart from the older RDB |
 * | `flapping`                | single  | **defect reproduction**: refused for the outage, accepted for 2 s, four times |
 *
 * The default outage is a few seconds; the Cluster outage lasts as long as the failover takes.
 */
import type { RedisClusterProcess } from '../infra/redis-cluster.js'
import type { RedisServer } from '../infra/redis-server.js'
import type { Workload } from './workload.js'

export type FaultTarget = 'single' | 'cluster'

export interface FaultEnv {
  readonly server?: RedisServer
  readonly cluster?: RedisClusterProcess
  readonly workload: Workload
  readonly prefix: string
  readonly outageMs: number
}

export interface Fault {
  readonly target: FaultTarget
  /** True for faults that reproduce a known defect (not run by CI). */
  readonly reproduction?: boolean
  readonly describe: string
  inject(env: FaultEnv): Promise<void>
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const single = (env: FaultEnv): RedisServer => {
  if (env.server === undefined) throw new Error('this fault needs a single redis-server')
  return env.server
}
const cluster = (env: FaultEnv): RedisClusterProcess => {
  if (env.cluster === undefined) throw new Error('this fault needs a cluster')
  return env.cluster
}

/**
 * Kills a master and waits until its replica serves its slots. `inSync`: only once the replica holds
 * every write the master acknowledged (see `RedisClusterProcess.killInSync`); otherwise at once, and the
 * writes of the last moments before the crash may be lost by Redis itself.
 */
async function failover(env: FaultEnv, which: 'meta' | 'data', inSync: boolean): Promise<void> {
  const c = cluster(env)
  const metaMaster = await c.masterOf(`${env.prefix}#cm:{meta}:seq`)
  const victim = which === 'meta' ? metaMaster : (await c.masters()).find((node) => node !== metaMaster)!
  if (inSync) await c.killInSync(victim)
  else await c.kill(victim)
  await c.waitHealthy(60_000)
}

export const FAULTS = {
  sigstop: {
    target: 'single',
    describe: 'SIGSTOP, then SIGCONT',
    async inject(env) {
      single(env).pause()
      await sleep(env.outageMs)
      single(env).resume()
    },
  },
  'kill-restart-empty': {
    target: 'single',
    describe: 'SIGKILL, restart on the same port with no data',
    async inject(env) {
      await single(env).kill()
      await sleep(env.outageMs)
      await single(env).restart('wipe')
    },
  },
  'kill-restart-rdb': {
    target: 'single',
    describe: 'SAVE (writer held), SIGKILL, restart on the same port from that RDB',
    async inject(env) {
      await env.workload.pauseWriter()
      await single(env).save()
      await single(env).kill()
      env.workload.resumeWriter()
      await sleep(env.outageMs)
      await single(env).restart('keep')
    },
  },
  refuse: {
    target: 'single',
    describe: 'connections refused (data kept), then accepted again',
    async inject(env) {
      await single(env).refuse()
      await sleep(env.outageMs)
      await single(env).accept()
    },
  },
  'cluster-failover-meta': {
    target: 'cluster',
    describe: 'SIGKILL the master of the {meta} slot (replica in sync); the replica takes over',
    inject: (env) => failover(env, 'meta', true),
  },
  'cluster-failover-data': {
    target: 'cluster',
    describe: 'SIGKILL a master without the {meta} slot (replica in sync); the replica takes over',
    inject: (env) => failover(env, 'data', true),
  },
  'cluster-failover-lossy': {
    target: 'cluster',
    reproduction: true,
    describe:
      'SIGKILL a master without the {meta} slot at once (the replica may lag); the replica takes over',
    inject: (env) => failover(env, 'data', false),
  },
  'cluster-failover-meta-lossy': {
    target: 'cluster',
    reproduction: true,
    describe: 'SIGKILL the master of the {meta} slot at once (the replica may lag); the replica takes over',
    inject: (env) => failover(env, 'meta', false),
  },
  'kill-restart-stale-rdb': {
    target: 'single',
    reproduction: true,
    describe:
      'SAVE, 1 s of acknowledged invalidations, SIGKILL, restart from the older RDB (writer held until 2 s after)',
    async inject(env) {
      await single(env).save()
      await sleep(1000)
      // Held so that later invalidations of the same rows do not hide the lost ones by accident.
      await env.workload.pauseWriter()
      await single(env).kill()
      await sleep(env.outageMs)
      await single(env).restart('keep')
      await sleep(2000)
      env.workload.resumeWriter()
    },
  },
  flapping: {
    target: 'single',
    reproduction: true,
    describe: 'connections refused for the outage, then accepted for 2 s, four times (a flapping network)',
    async inject(env) {
      for (let i = 0; i < 4; i += 1) {
        await single(env).refuse()
        await sleep(env.outageMs)
        await single(env).accept()
        if (i < 3) await sleep(2000)
      }
    },
  },
} satisfies Record<string, Fault>

export type FaultName = keyof typeof FAULTS
export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[]

/** The scenarios CI runs: every fault except the defect reproductions. */
export const CI_FAULT_NAMES: FaultName[] = FAULT_NAMES.filter(
  (name) => (FAULTS[name] as Fault).reproduction !== true,
)
