/**
 * A TCP proxy that holds every client → server chunk for `delayMs` before forwarding it (replies pass
 * straight through), so each round trip costs at least `delayMs` more — a stand-in for a network hop.
 * Order is kept per connection. Runs as its own process (pinned next to redis-server) so that its work
 * does not land on the benchmark's CPU. Prints its port, then runs until stdin closes.
 *
 *   node delay-proxy-main.ts <target host> <target port> <delay ms>
 */
import { connect, createServer, type Socket } from 'node:net'

const [host = '127.0.0.1', port = '6379', delay = '1'] = process.argv.slice(2)
const delayMs = Number(delay)
const sockets = new Set<Socket>()

/** Forwards `from` → `to`, each chunk `delayMs` after it arrived. */
function delayed(from: Socket, to: Socket): void {
  const queue: { due: number; chunk: Buffer }[] = []
  let scheduled = false
  const flush = (): void => {
    scheduled = false
    const now = performance.now()
    while (queue.length > 0 && queue[0]!.due <= now) to.write(queue.shift()!.chunk)
    if (queue.length > 0) {
      scheduled = true
      setTimeout(flush, queue[0]!.due - now)
    }
  }
  from.on('data', (chunk) => {
    queue.push({ due: performance.now() + delayMs, chunk })
    if (!scheduled) {
      scheduled = true
      setTimeout(flush, delayMs)
    }
  })
}

const server = createServer((client) => {
  client.setNoDelay(true)
  const upstream = connect(Number(port), host)
  upstream.setNoDelay(true)
  sockets.add(client).add(upstream)
  delayed(client, upstream)
  upstream.on('data', (chunk) => client.write(chunk))
  const end = (): void => {
    client.destroy()
    upstream.destroy()
    sockets.delete(client)
    sockets.delete(upstream)
  }
  client.on('close', end).on('error', end)
  upstream.on('close', end).on('error', end)
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`)
})
process.stdin.resume()
process.stdin.on('end', () => {
  for (const socket of sockets) socket.destroy()
  server.close(() => process.exit(0))
})
