/**
 * A TCP proxy that counts round trips, and commands, between a client and Redis.
 *
 * A round trip is counted each time the client starts sending after the server last sent (or at the
 * first send): a burst of commands written together (a pipeline, one EVALSHA) counts once, however TCP
 * splits it, while a command that waits for a previous reply counts again. Tests use it to prove "a hit is
 * one round trip" instead of trusting the code.
 *
 * Commands are counted by parsing the client's RESP requests (arrays of bulk strings, what ioredis
 * sends): `EVALSHA` of a script counts as one, whatever the script runs.
 *
 * Use it with a client created with `lazyConnect: true` and `enableReadyCheck: false`, connect and warm up
 * (the connection handshake and NOSCRIPT fallbacks are not what is measured), then `reset()`.
 */
import { connect, createServer, type Server, type Socket } from 'node:net'

/** Counts request bursts of every connection made through it. */
export class RoundTripProxy {
  readonly #target: { host: string; port: number }
  readonly #sockets = new Set<Socket>()
  #server: Server | undefined
  #port = 0
  #roundTrips = 0
  #commands: string[] = []

  /** @param target the Redis server to forward to. */
  constructor(target: { host: string; port: number }) {
    this.#target = target
  }

  /** Listens on an ephemeral loopback port. */
  async start(): Promise<void> {
    const server = createServer((client) => this.#pipe(client))
    this.#server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('proxy: no TCP address')
    this.#port = address.port
  }

  /** The port to connect the client to (after `start()`). */
  get port(): number {
    return this.#port
  }

  /** Round trips counted since the start or the last `reset()`. */
  get roundTrips(): number {
    return this.#roundTrips
  }

  /** Names of the commands sent since the start or the last `reset()`, e.g. `['HGET', 'GET']`. */
  get commands(): readonly string[] {
    return this.#commands
  }

  /** Sets the counters back to 0. */
  reset(): void {
    this.#roundTrips = 0
    this.#commands = []
  }

  /** Closes every connection and stops listening. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    const server = this.#server
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  #pipe(client: Socket): void {
    const upstream = connect(this.#target.port, this.#target.host)
    this.#sockets.add(client).add(upstream)
    // Whose turn it was last: a client send after a server send starts a new round trip.
    let clientSpeaking = false
    const parser = new RequestParser((name) => this.#commands.push(name))
    client.on('data', (chunk) => {
      if (!clientSpeaking) this.#roundTrips++
      clientSpeaking = true
      parser.feed(chunk)
      upstream.write(chunk)
    })
    upstream.on('data', (chunk) => {
      clientSpeaking = false
      client.write(chunk)
    })
    const end = (): void => {
      client.destroy()
      upstream.destroy()
      this.#sockets.delete(client)
      this.#sockets.delete(upstream)
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  }
}

/** Incremental parser of RESP requests (`*<n>\r\n` then n × `$<len>\r\n<bytes>\r\n`). */
class RequestParser {
  readonly #onCommand: (name: string) => void
  #buffer = Buffer.alloc(0)
  /** Bulk strings still expected in the current array, and its first one (the command name). */
  #remaining = 0
  #name: string | undefined

  constructor(onCommand: (name: string) => void) {
    this.#onCommand = onCommand
  }

  feed(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk])
    for (;;) {
      const line = this.#buffer.indexOf('\r\n')
      if (line === -1) return
      const head = this.#buffer.subarray(0, line).toString('latin1')
      if (this.#remaining === 0) {
        if (!head.startsWith('*')) throw new Error(`proxy: unexpected request line ${JSON.stringify(head)}`)
        this.#remaining = Number(head.slice(1))
        this.#name = undefined
        this.#buffer = this.#buffer.subarray(line + 2)
        continue
      }
      const length = Number(head.slice(1))
      const end = line + 2 + length
      if (this.#buffer.length < end + 2) return // the bulk string is not complete yet
      const bulk = this.#buffer.subarray(line + 2, end).toString('utf8')
      this.#buffer = this.#buffer.subarray(end + 2)
      this.#name ??= bulk.toUpperCase()
      this.#remaining -= 1
      if (this.#remaining === 0) this.#onCommand(this.#name)
    }
  }
}
