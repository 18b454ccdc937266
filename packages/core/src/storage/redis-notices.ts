/**
 * The subscriber side of RedisStorage's invalidation notices: one dedicated connection per subscription
 * (a connection in subscriber mode can run nothing else), subscribed to the prefix's notices channel.
 *
 * The listener hears exactly what it needs to trust the notices: `ready` once the server confirmed the
 * SUBSCRIBE (every notice published after that is delivered, in order), `lost` as soon as the connection
 * closes (notices published meanwhile are gone for good: pub/sub does not replay), and every notice.
 * The subscription then reconnects by itself (backoff 50 ms doubling to 5 s) and calls `ready` again.
 * That is why the connection is cacheme's own, with ioredis' automatic reconnect and resubscribe turned
 * off: ioredis would resubscribe silently, and a gap nobody hears of is exactly what must never happen.
 *
 * Cluster: regular pub/sub (PUBLISH is forwarded to every node, so the subscriber may use any node, and
 * a failed node is replaced by any other one) rather than sharded pub/sub (SSUBSCRIBE must follow the
 * channel's slot through failovers and resharding, and ioredis' sharded subscriber reselects nodes
 * without telling anyone about the gap). The cost is that every notice crosses the cluster bus to every
 * node; notices are small and bounded (`NOTICE_MAX_KEYS`), and only invalidations send them.
 *
 * Limits: the connection's options are the client's (for Cluster: the chosen node's), so it needs the
 * same network access and credentials; it is opened lazily, on `subscribe`.
 */
import type { Cluster, Redis } from 'ioredis'
import { decodeNotice } from './notice-format.js'
import type { NoticeListener, NoticeSubscription } from './storage.js'

const MIN_RETRY_MS = 50
const MAX_RETRY_MS = 5000

/** Opens a new, not yet connected connection (`lazyConnect`), or `undefined` when none can be made now. */
type Connect = () => Promise<Redis | undefined>

/** One subscription to one channel, kept alive until closed. */
export class RedisNoticeSubscription implements NoticeSubscription {
  readonly #connect: Connect
  readonly #channel: string
  readonly #listener: NoticeListener
  #connection: Redis | undefined
  #timer: NodeJS.Timeout | undefined
  #retryMs = MIN_RETRY_MS
  #closed = false

  constructor(connect: Connect, channel: string, listener: NoticeListener) {
    this.#connect = connect
    this.#channel = channel
    this.#listener = listener
    void this.#open()
  }

  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#timer)
    const connection = this.#connection
    this.#connection = undefined
    connection?.disconnect()
  }

  async #open(): Promise<void> {
    if (this.#closed) return
    let connection: Redis | undefined
    try {
      connection = await this.#connect()
    } catch {
      connection = undefined
    }
    if (connection === undefined || this.#closed) {
      connection?.disconnect()
      this.#retry()
      return
    }
    this.#connection = connection
    connection.on('error', () => {}) // a failing connection closes; `close` is what is acted upon
    connection.on('message', (channel: string, text: string) => {
      if (connection === this.#connection && channel === this.#channel)
        this.#listener.notice(decodeNotice(text))
    })
    connection.once('close', () => this.#lost(connection))
    connection.once('ready', () => {
      connection.subscribe(this.#channel).then(
        () => {
          if (connection !== this.#connection || this.#closed) return
          this.#retryMs = MIN_RETRY_MS
          this.#listener.ready()
        },
        (error: unknown) => this.#lost(connection, error),
      )
    })
    connection.connect().catch(() => {}) // a refused connection ends in `close`
  }

  #lost(connection: Redis, error?: unknown): void {
    if (connection !== this.#connection) return
    this.#connection = undefined
    connection.disconnect()
    this.#listener.lost(error instanceof Error ? error : undefined)
    this.#retry()
  }

  #retry(): void {
    if (this.#closed) return
    const delay = this.#retryMs
    this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS)
    this.#timer = setTimeout(() => void this.#open(), delay)
    this.#timer.unref()
  }
}

/** Options every subscriber connection gets: cacheme reconnects and resubscribes itself (module doc). */
const SUBSCRIBER_OPTIONS = {
  lazyConnect: true,
  autoResubscribe: false,
  retryStrategy: () => null,
  maxRetriesPerRequest: null,
} as const

/** New subscriber connections to a single Redis: duplicates of the client (same options otherwise). */
export function singleConnect(client: Redis): Connect {
  return async () => client.duplicate(SUBSCRIBER_OPTIONS)
}

/**
 * New subscriber connections to a Cluster: to any node (the client's current view), chosen at random
 * each time, as a duplicate of the client's own connection to it (same address, credentials, TLS).
 */
export function clusterConnect(cluster: Cluster): Connect {
  return async () => {
    let nodes = cluster.nodes('all')
    if (nodes.length === 0) {
      await cluster.ping() // a lazily connecting Cluster knows no nodes before its first command
      nodes = cluster.nodes('all')
    }
    return nodes[Math.floor(Math.random() * nodes.length)]?.duplicate(SUBSCRIBER_OPTIONS)
  }
}
