/**
 * CPU pinning with `taskset` (util-linux): redis-server on one CPU, this Node process (all its threads) on
 * another, so that the two never compete for a core and a run is comparable to the next one.
 *
 * Why `taskset -a -p` on our own pid rather than re-executing under `taskset`: it pins every thread Node has
 * already started (V8 platform workers, the libuv pool), and threads started later inherit the affinity.
 *
 * Known limits: with fewer than 2 CPUs, or without `taskset`, nothing is pinned and the report says so;
 * helper processes (the probe client, the delaying proxy) share a CPU with one of the two.
 */
import { execFileSync } from 'node:child_process'
import { availableParallelism } from 'node:os'

/** Which CPU runs what, or why nothing is pinned. */
export interface Pinning {
  readonly enabled: boolean
  /** CPU of this Node process (the clients). */
  readonly nodeCpu?: number
  /** CPU of redis-server (and of the helper processes that must not steal the clients' CPU). */
  readonly redisCpu?: number
  /** Human-readable summary for the report. */
  readonly summary: string
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** CPUs this process may run on (honours an affinity mask set by the caller, e.g. a container). */
function allowedCpus(): number[] {
  const out = execFileSync('taskset', ['-c', '-p', String(process.pid)], { encoding: 'utf8' })
  const list = out.split(':').pop()?.trim() ?? ''
  const cpus: number[] = []
  for (const part of list.split(',')) {
    const [from, to] = part.split('-').map(Number)
    if (from === undefined || Number.isNaN(from)) continue
    for (let cpu = from; cpu <= (to ?? from); cpu += 1) cpus.push(cpu)
  }
  return cpus
}

/**
 * Pins this process to one CPU and reserves another for redis-server. `BENCH_PIN=0` turns it off.
 */
export function pinCpus(env: NodeJS.ProcessEnv = process.env): Pinning {
  if (env.BENCH_PIN === '0') return { enabled: false, summary: 'off (BENCH_PIN=0)' }
  if (!hasTaskset()) return { enabled: false, summary: 'off (taskset not found; apt-get install util-linux)' }
  const cpus = allowedCpus()
  if (cpus.length < 2) {
    return {
      enabled: false,
      summary: `off (only ${cpus.length} CPU allowed, ${availableParallelism()} online)`,
    }
  }
  const nodeCpu = cpus[0]!
  const redisCpu = cpus[1]!
  execFileSync('taskset', ['-a', '-c', '-p', String(nodeCpu), String(process.pid)], { stdio: 'ignore' })
  return {
    enabled: true,
    nodeCpu,
    redisCpu,
    summary: `node on CPU ${nodeCpu}, redis-server (and the probe/proxy helpers) on CPU ${redisCpu}, via taskset`,
  }
}

/** The command prefix that runs a child on `cpu` (empty when pinning is off). */
export function pinnedCommand(pinning: Pinning, cpu: number | undefined, command: string[]): string[] {
  return pinning.enabled && cpu !== undefined ? ['taskset', '-c', String(cpu), ...command] : command
}
