/**
 * Free TCP ports on the loopback interface, for servers the harnesses start themselves.
 *
 * The OS picks a free port (listen on 0) and the listener is closed again before the server binds it, so
 * another process could take it in between: callers that start a server on it retry with a new port when
 * the bind fails (see `RedisServer.start`).
 */
import { createServer, type Server } from 'node:net'

const listen = (): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(server))
  })

/** `count` distinct free ports on 127.0.0.1 (all held open together, so they are distinct). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = []
  try {
    for (let i = 0; i < count; i += 1) servers.push(await listen())
    return servers.map((server) => {
      const address = server.address()
      if (address === null || typeof address === 'string') throw new Error('listen(0) returned no port')
      return address.port
    })
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))))
  }
}

/** One free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1)
  return port!
}
