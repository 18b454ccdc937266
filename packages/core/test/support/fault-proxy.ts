/**
 * A TCP proxy on 127.0.0.1 in front of the real test Redis that can be cut and restored: a network
 * outage without losing the data behind it (what a restarted no-persistence redis-server would lose).
 */
import { createServer, type Server, Socket } from 'node:net'

export class FaultProxy {
  readonly #target: { host: string; port: number }
  readonly #sockets = new Set<Socket>()
  #server: Server | undefined
  /** While stalled, client bytes are held back (a hung server); `resume()` sends them on, in order. */
  #stalled: Buffer[] | undefined
  readonly #upstreams = new Set<Socket>()
  port = 0

  constructor(targetUrl: string) {
    const url = new URL(targetUrl)
    this.#target = { host: url.hostname, port: Number(url.port || 6379) }
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  /** Starts (or restores) forwarding on the same port. */
  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket()
      this.#sockets.add(client).add(upstream)
      const drop = () => {
        client.destroy()
        upstream.destroy()
        this.#sockets.delete(client)
        this.#sockets.delete(upstream)
      }
      client.on('error', drop).on('close', drop)
      upstream.on('error', drop).on('close', drop)
      upstream.connect(this.#target.port, this.#target.host)
      this.#upstreams.add(upstream)
      upstream.on('close', () => this.#upstreams.delete(upstream))
      client.on('data', (chunk: Buffer) => {
        if (this.#stalled) this.#stalled.push(chunk)
        else upstream.write(chunk)
      })
      upstream.pipe(client)
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    const address = server.address()
    if (typeof address === 'object' && address) this.port = address.port
    this.#server = server
  }

  /** Holds every request back without closing anything: commands neither fail nor complete. */
  stall(): void {
    this.#stalled ??= []
  }

  /** Sends the held-back requests on (single client connection assumed), and forwards again. */
  resume(): void {
    const held = this.#stalled ?? []
    this.#stalled = undefined
    for (const upstream of this.#upstreams) for (const chunk of held) upstream.write(chunk)
  }

  /** Cuts every connection and refuses new ones until `up()`. */
  async down(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    this.#sockets.clear()
    const server = this.#server
    this.#server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
