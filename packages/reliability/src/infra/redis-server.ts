/**
 * A real `redis-server` process the harness owns: started on a free loopback port in a temp dir of its
 * own (never the shared test services), and faulted the way production servers fail:
 *
 * | method          | what happens                                           | clients see                    |
 * |-----------------|--------------------------------------------------------|--------------------------------|
 * | `pause()`       | SIGSTOP: the process freezes, sockets stay open        | commands hang (timeouts)       |
 * | `resume()`      | SIGCONT                                                | the held commands complete     |
 * | `kill()`        | SIGKILL: no shutdown, no final save                    | connection reset               |
 * | `restart(data)` | a new process on the same port, same dir; `'keep'` loads the dir's `dump.rdb`, `'wipe'` deletes it first | reconnect |
 * | `refuse()`      | `CONFIG SET port <spare>` + `CLIENT KILL`: the data stays in memory, the port refuses | ECONNREFUSED |
 * | `accept()`      | back on the original port                              | reconnect                      |
 *
 * The process runs in the foreground (not daemonized) as a child of this process, so its pid is known
 * without pidfile races and SIGSTOP/SIGKILL reach exactly it. RDB snapshots happen only when asked
 * (`save()`; `--save ''` disables the automatic ones), so "restart with its data" restores a known state.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { onExit } from './cleanup.js'
import { freePort } from './free-port.js'
import { answersPing, redisCommand, redisInfo } from './redis-command.js'
import { scratchDir } from './scratch-dir.js'

/** Options of {@link RedisServer.start}. */
export interface RedisServerOptions {
  /** Extra `redis-server` arguments, e.g. `['--maxmemory', '20mb']`. */
  readonly args?: readonly string[]
  /** Port to listen on; default a free one. */
  readonly port?: number
  /** Directory for the log, `dump.rdb` and (Cluster) `nodes.conf`; default a fresh temp dir. */
  readonly dir?: string
}

const READY_TIMEOUT_MS = 10_000
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export class RedisServer {
  /** The port clients connect to (also while refusing, when the server listens elsewhere). */
  readonly port: number
  readonly dir: string
  readonly #args: readonly string[]
  #child: ChildProcess | undefined
  #exited: Promise<void> = Promise.resolve()
  #unregister: () => void = () => {}
  /** Where the server listens while `refuse()`d; undefined otherwise. */
  #sparePort: number | undefined

  private constructor(port: number, dir: string, args: readonly string[]) {
    this.port = port
    this.dir = dir
    this.#args = args
  }

  /** Starts a server and waits until it answers PING. Retries on a port taken meanwhile. */
  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const dir = options.dir ?? scratchDir('redis')
    let lastError: unknown
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const server = new RedisServer(options.port ?? (await freePort()), dir, options.args ?? [])
      try {
        await server.#spawn()
        return server
      } catch (error) {
        lastError = error
        await server.kill()
        if (options.port !== undefined) break
      }
    }
    throw lastError
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  /** Pid of the running process (undefined after `kill()`). */
  get pid(): number | undefined {
    return this.#child?.pid
  }

  /** The port the server currently listens on (differs from `port` while refusing). */
  get listeningPort(): number {
    return this.#sparePort ?? this.port
  }

  /** One command on a fresh admin connection (see `redis-command.ts`). */
  command(...args: (string | number)[]): Promise<unknown> {
    return redisCommand(this.listeningPort, args)
  }

  /** `INFO <section>` as a map. */
  info(section: string): Promise<Map<string, string>> {
    return redisInfo(this.listeningPort, section)
  }

  /** SIGSTOP: the server stops answering but keeps every connection open. */
  pause(): void {
    this.#signal('SIGSTOP')
  }

  /** SIGCONT after `pause()`. */
  resume(): void {
    this.#signal('SIGCONT')
  }

  /** A synchronous RDB snapshot into the server's dir (what `restart('keep')` loads). */
  async save(): Promise<void> {
    await this.command('SAVE')
  }

  /** SIGKILL and wait for the process to be gone. Idempotent. */
  async kill(): Promise<void> {
    if (this.#child === undefined) return
    this.#signal('SIGKILL')
    await this.#exited
  }

  /** Kills the process if needed, then starts a new one on the same port and dir. */
  async restart(data: 'keep' | 'wipe'): Promise<void> {
    await this.kill()
    this.#sparePort = undefined
    if (data === 'wipe') rmSync(join(this.dir, 'dump.rdb'), { force: true })
    await this.#spawn()
  }

  /** Moves the listener to a spare port and drops every client: connections to `port` are refused. */
  async refuse(): Promise<void> {
    const spare = await freePort()
    await this.command('CONFIG', 'SET', 'port', spare)
    this.#sparePort = spare
    // Existing connections survive a port change; cut them (the admin connection itself is skipped).
    await this.command('CLIENT', 'KILL', 'TYPE', 'normal')
    await this.command('CLIENT', 'KILL', 'TYPE', 'pubsub')
  }

  /** Listens on `port` again after `refuse()`. */
  async accept(): Promise<void> {
    if (this.#sparePort === undefined) return
    await this.command('CONFIG', 'SET', 'port', this.port)
    this.#sparePort = undefined
  }

  /** Stops the server for good (SIGKILL; nothing is saved). */
  async stop(): Promise<void> {
    await this.kill()
  }

  async #spawn(): Promise<void> {
    const args = [
      '--bind',
      '127.0.0.1',
      '--port',
      String(this.port),
      '--dir',
      this.dir,
      '--logfile',
      'redis.log',
      '--dbfilename',
      'dump.rdb',
      '--save',
      '',
      '--appendonly',
      'no',
      ...this.#args,
    ]
    const child = spawn('redis-server', args, { stdio: 'ignore' })
    this.#child = child
    this.#exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.once('error', () => resolve())
    })
    void this.#exited.then(() => {
      if (this.#child === child) this.#child = undefined
    })
    this.#unregister()
    this.#unregister = onExit(() => child.kill('SIGKILL'))
    const deadline = Date.now() + READY_TIMEOUT_MS
    while (Date.now() < deadline) {
      if (this.#child !== child) break
      if (await answersPing(this.port, 500)) return
      await sleep(25)
    }
    throw new Error(`redis-server on port ${this.port} did not come up; log: ${this.#logTail()}`)
  }

  #signal(signal: NodeJS.Signals): void {
    this.#child?.kill(signal)
  }

  #logTail(): string {
    const log = join(this.dir, 'redis.log')
    if (!existsSync(log)) return '(no log)'
    return readFileSync(log, 'utf8').trim().split('\n').slice(-3).join(' | ')
  }
}
