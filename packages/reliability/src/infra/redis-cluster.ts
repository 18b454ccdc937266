/**
 * A real Redis Cluster of `redis-server` processes the harness owns (3 masters, optionally with replicas),
 * on free loopback ports, each node in its own temp dir. Used by the fault harness (kill a master, let
 * its replica take over) and by the soak (memory on every master).
 *
 * `cluster-node-timeout` is short (default 1500 ms) so that a failover completes within a few seconds;
 * the bus ports are chosen explicitly because the default `port + 10000` can exceed 65535 for the high
 * ports the OS hands out.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { freePorts } from './free-port.js'
import { RedisServer } from './redis-server.js'

const run = promisify(execFile)
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export interface RedisClusterOptions {
  readonly masters?: number
  readonly replicasPerMaster?: number
  readonly nodeTimeoutMs?: number
  /** Extra arguments for every node. */
  readonly args?: readonly string[]
}

/** One entry of `CLUSTER SLOTS`: a slot range and the port of the master serving it. */
export interface SlotRange {
  readonly from: number
  readonly to: number
  readonly masterPort: number
}

export class RedisClusterProcess {
  readonly nodes: readonly RedisServer[]
  readonly #dead = new Set<RedisServer>()

  private constructor(nodes: RedisServer[]) {
    this.nodes = nodes
  }

  /** Starts the nodes, creates the cluster and waits until every slot is served and replicas synced. */
  static async start(options: RedisClusterOptions = {}): Promise<RedisClusterProcess> {
    const masters = options.masters ?? 3
    const replicas = options.replicasPerMaster ?? 0
    const count = masters * (1 + replicas)
    const ports = await freePorts(count * 2)
    const nodes: RedisServer[] = []
    const cluster = new RedisClusterProcess(nodes)
    try {
      for (let i = 0; i < count; i += 1) {
        nodes.push(
          await RedisServer.start({
            port: ports[i]!,
            args: [
              '--cluster-enabled',
              'yes',
              '--cluster-config-file',
              'nodes.conf',
              '--cluster-port',
              String(ports[count + i]!),
              '--cluster-node-timeout',
              String(options.nodeTimeoutMs ?? 1500),
              ...(options.args ?? []),
            ],
          }),
        )
      }
      await run('redis-cli', [
        '--cluster',
        'create',
        ...nodes.map((node) => `127.0.0.1:${node.port}`),
        '--cluster-replicas',
        String(replicas),
        '--cluster-yes',
      ])
      await cluster.waitHealthy(30_000)
      return cluster
    } catch (error) {
      await cluster.stop()
      throw error
    }
  }

  /** Startup nodes for an ioredis `Cluster` client. */
  get seeds(): { host: string; port: number }[] {
    return this.nodes
      .filter((node) => !this.#dead.has(node))
      .map((node) => ({ host: '127.0.0.1', port: node.port }))
  }

  /** The nodes that are alive and currently masters. */
  async masters(): Promise<RedisServer[]> {
    const ranges = await this.slots()
    const ports = new Set(ranges.map((range) => range.masterPort))
    return this.nodes.filter((node) => ports.has(node.port) && !this.#dead.has(node))
  }

  /** `CLUSTER SLOTS` as seen by a live node. */
  async slots(): Promise<SlotRange[]> {
    const reply = (await this.#live().command('CLUSTER', 'SLOTS')) as [number, number, [string, number]][]
    return reply.map(([from, to, master]) => ({ from, to, masterPort: Number(master[1]) }))
  }

  /** The master currently serving `key`'s slot. */
  async masterOf(key: string): Promise<RedisServer> {
    const slot = Number(await this.#live().command('CLUSTER', 'KEYSLOT', key))
    const range = (await this.slots()).find((r) => r.from <= slot && slot <= r.to)
    const node = this.nodes.find((n) => n.port === range?.masterPort)
    if (node === undefined) throw new Error(`no master serves slot ${slot} of ${JSON.stringify(key)}`)
    return node
  }

  /**
   * SIGKILLs a node at once; it is left dead (its replica, if any, takes over). Replication is
   * asynchronous, so the replica may lack the last writes the master acknowledged: Redis loses them.
   */
  async kill(node: RedisServer): Promise<void> {
    this.#dead.add(node)
    await node.kill()
  }

  /**
   * SIGKILLs a master only once every replica holds everything it acknowledged: writes are paused
   * (`CLIENT PAUSE WRITE`; clients' writes and scripts block, reads go on), the replicas' acknowledged
   * offsets must reach the master's, then the kill. The crash Redis survives without losing a write it
   * acknowledged — what cacheme can be held to; {@link kill} is the lossy one.
   */
  async killInSync(node: RedisServer, timeoutMs = 10_000): Promise<void> {
    await node.command('CLIENT', 'PAUSE', timeoutMs + 5000, 'WRITE')
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const replication = await node.info('replication')
      const offset = replication.get('master_repl_offset')
      const replicas = [...replication]
        .filter(([field]) => /^slave\d+$/.test(field))
        .map(([, value]) => /offset=(\d+)/.exec(value)?.[1])
      if (replicas.length > 0 && replicas.every((acked) => acked === offset)) break
      if (Date.now() > deadline) {
        throw new Error(
          `replicas of ${node.port} did not catch up within ${timeoutMs} ms (${replicas} vs ${offset})`,
        )
      }
      await sleep(20)
    }
    await this.kill(node)
  }

  /**
   * Waits until the cluster is whole again from the point of view of every live node: `cluster_state:ok`,
   * every slot range served by a live master, and every live replica's link to its master up.
   */
  async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    let reason = 'not checked yet'
    while (Date.now() < deadline) {
      reason = await this.#unhealthyReason()
      if (reason === '') return
      await sleep(50)
    }
    throw new Error(`cluster not healthy within ${timeoutMs} ms: ${reason}`)
  }

  /** Stops every node. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()))
  }

  async #unhealthyReason(): Promise<string> {
    const live = this.nodes.filter((node) => !this.#dead.has(node))
    try {
      for (const node of live) {
        const info = String(await node.command('CLUSTER', 'INFO'))
        if (!info.includes('cluster_state:ok')) return `${node.port}: cluster_state not ok`
      }
      const ranges = await this.slots()
      const covered = ranges.reduce((sum, range) => sum + range.to - range.from + 1, 0)
      if (covered !== 16384) return `only ${covered} slots assigned`
      const livePorts = new Set(live.map((node) => node.port))
      const orphan = ranges.find((range) => !livePorts.has(range.masterPort))
      if (orphan) return `slots ${orphan.from}-${orphan.to} still on dead master ${orphan.masterPort}`
      for (const node of live) {
        const replication = await node.info('replication')
        if (replication.get('role') === 'slave' && replication.get('master_link_status') !== 'up') {
          return `replica ${node.port} not synced`
        }
      }
      return ''
    } catch (error) {
      return (error as Error).message
    }
  }

  #live(): RedisServer {
    const node = this.nodes.find((n) => !this.#dead.has(n))
    if (node === undefined) throw new Error('every cluster node is dead')
    return node
  }
}
