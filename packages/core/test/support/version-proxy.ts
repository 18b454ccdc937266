/**
 * A TCP proxy on 127.0.0.1 in front of the real test Redis that makes it look older: every
 * `redis_version:7` in a reply becomes `redis_version:6` (same length, so RESP lengths stay right).
 * Everything else passes through untouched, so the server behind it is still a real Redis 7.
 *
 * A reply split by TCP in the middle of the needle is handled by holding back a possible prefix of it
 * until the next chunk (or the next tick).
 */
import { connect, createServer, type Server, type Socket } from 'node:net'

const NEEDLE = 'redis_version:7'
const REPLACEMENT = 'redis_version:6'

export class VersionProxy {
  readonly #target: { host: string; port: number }
  readonly #sockets = new Set<Socket>()
  #server: Server | undefined
  port = 0

  constructor(targetUrl: string) {
    const url = new URL(targetUrl)
    this.#target = { host: url.hostname, port: Number(url.port || 6379) }
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    const server = createServer((client) => this.#pipe(client))
    this.#server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('proxy: no TCP address')
    this.port = address.port
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    const server = this.#server
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  #pipe(client: Socket): void {
    const upstream = connect(this.#target.port, this.#target.host)
    this.#sockets.add(client).add(upstream)
    let carry = ''
    const send = (text: string) => client.write(Buffer.from(text, 'latin1'))
    client.on('data', (chunk) => upstream.write(chunk))
    upstream.on('data', (chunk: Buffer) => {
      const text = (carry + chunk.toString('latin1')).replaceAll(NEEDLE, REPLACEMENT)
      let hold = 0
      for (let n = Math.min(NEEDLE.length - 1, text.length); n > 0; n--) {
        if (NEEDLE.startsWith(text.slice(-n))) {
          hold = n
          break
        }
      }
      carry = text.slice(text.length - hold)
      send(text.slice(0, text.length - hold))
      if (hold > 0) {
        const held = carry
        setImmediate(() => {
          if (carry === held) {
            carry = ''
            send(held)
          }
        })
      }
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
