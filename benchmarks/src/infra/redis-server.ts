/**
 * The benchmark's own redis-server: started by the harness on a free loopback port in a temp dir, with
 * persistence off, pinned to its own CPU when pinning is on, and stopped (and its dir removed) at the end.
 * Never the shared test services: other helpers' test traffic would land in our numbers.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Endpoint } from '@cacheme/bench-peers/contract'
import { Redis } from 'ioredis'
import { type Pinning, pinnedCommand } from './cpu-pinning.js'
import { freePort } from './free-port.js'

export interface RedisServer extends Endpoint {
  readonly version: string
  readonly pid: number
  stop(): Promise<void>
}

async function waitForPing(port: number, child: ChildProcess, log: string): Promise<string> {
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${readTail(log)}`)
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null })
    client.on('error', () => {})
    try {
      await client.connect()
      const info = await client.info('server')
      return info.match(/redis_version:(\S+)/)?.[1] ?? 'unknown'
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis-server did not answer: ${String(error)}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    } finally {
      client.disconnect()
    }
  }
}

function readTail(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-5).join(' ')
  } catch {
    return '(no log)'
  }
}

/** Starts redis-server (`redis-server` from PATH; `apt-get install redis-server`). */
export async function startRedisServer(pinning: Pinning): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cacheme-bench-redis-'))
  const log = join(dir, 'redis.log')
  let lastError: unknown
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort()
    const [command, ...args] = pinnedCommand(pinning, pinning.redisCpu, [
      'redis-server',
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--logfile',
      log,
      '--save',
      '',
      '--appendonly',
      'no',
      // Server-side latency of each slow command, for the pattern-invalidation workload.
      '--latency-monitor-threshold',
      '1',
    ])
    const child = spawn(command!, args, { stdio: 'ignore' })
    try {
      const version = await waitForPing(port, child, log)
      return {
        host: '127.0.0.1',
        port,
        version,
        pid: child.pid!,
        stop: async () => {
          if (child.exitCode === null) {
            const exited = new Promise((resolve) => child.once('exit', resolve))
            child.kill('SIGTERM')
            await exited
          }
          rmSync(dir, { recursive: true, force: true })
        },
      }
    } catch (error) {
      lastError = error
      child.kill('SIGKILL')
    }
  }
  rmSync(dir, { recursive: true, force: true })
  throw new Error(`could not start redis-server: ${String(lastError)} → is redis-server installed?`)
}
