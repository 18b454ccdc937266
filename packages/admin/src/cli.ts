#!/usr/bin/env node
/**
 * `cacheme-admin`: the admin as a standalone server, for operators. It connects to Redis (or a Cluster)
 * with the application's prefix, reads what the application's processes wrote (tags, entries, history,
 * statistics) and serves the admin on a loopback port by default. It registers no functions and collects
 * no statistics of its own. Credentials are required: a token, or a user name and a password.
 *
 * Every option also comes from the environment (flags win). Exit codes: 0 after SIGINT/SIGTERM, 2 for bad
 * usage (the message says what to fix), 1 when Redis cannot be reached.
 */
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import { createCacheme, devalueSerializer, jsonSerializer, RedisStorage } from '@cacheme/core'
import { type Authorize, basicAuth, bearerAuth } from './auth.js'
import { createAdmin } from './create-admin.js'

const HELP = `cacheme-admin — the cacheme invalidation admin as a standalone server

Usage: cacheme-admin [options]

  --redis-url URL      Redis to administer (env CACHEME_ADMIN_REDIS_URL, REDIS_URL; default redis://127.0.0.1:6379)
  --cluster NODES      a Redis Cluster instead: host:port,host:port,... (env CACHEME_ADMIN_CLUSTER)
  --prefix PREFIX      the application's cacheme prefix (env CACHEME_ADMIN_PREFIX; default CM:)
  --serializer NAME    devalue (default) or json, as the application writes values (env CACHEME_ADMIN_SERIALIZER)
  --host HOST          address to listen on (env CACHEME_ADMIN_HOST; default 127.0.0.1)
  --port PORT          port to listen on (env CACHEME_ADMIN_PORT, PORT; default 8080)
  --base-path PATH     serve under a sub-path, e.g. /admin (env CACHEME_ADMIN_BASE_PATH)
  --token TOKEN        bearer token, at least 16 characters (env CACHEME_ADMIN_TOKEN)
  --user NAME          basic-auth / login user (env CACHEME_ADMIN_USER) ...
  --password PASS      ... and password, at least 8 characters (env CACHEME_ADMIN_PASSWORD)
  --secret SECRET      key for CSRF tokens and sessions, to share between several servers (env CACHEME_ADMIN_SECRET)
  -h, --help           this help

Either --token or --user with --password is required: the admin has no open mode.
Prefer the environment for secrets: flags are visible to other users in the process list.`

/** Bad usage: printed with the help hint, exit code 2. */
class UsageError extends Error {}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'redis-url': { type: 'string' },
      cluster: { type: 'string' },
      prefix: { type: 'string' },
      serializer: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'base-path': { type: 'string' },
      token: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      secret: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${HELP}\n`)
    return
  }
  const option = (name: keyof typeof values, ...vars: string[]): string | undefined => {
    const flag = values[name]
    if (typeof flag === 'string') return flag
    for (const name of vars) if (env[name]) return env[name]
    return undefined
  }
  const secret = option('secret', 'CACHEME_ADMIN_SECRET')
  const token = option('token', 'CACHEME_ADMIN_TOKEN')
  const user = option('user', 'CACHEME_ADMIN_USER')
  const password = option('password', 'CACHEME_ADMIN_PASSWORD')
  let authorize: Authorize
  try {
    if (token !== undefined) authorize = bearerAuth(token, { sessionSecret: secret })
    else if (user !== undefined && password !== undefined)
      authorize = basicAuth({ username: user, password }, { sessionSecret: secret })
    else
      throw new UsageError('no credentials: pass --token (or CACHEME_ADMIN_TOKEN), or --user and --password.')
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message)
  }
  const port = Number(option('port', 'CACHEME_ADMIN_PORT', 'PORT') ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${JSON.stringify(option('port'))} is not a port number.`)
  const serializerName = option('serializer', 'CACHEME_ADMIN_SERIALIZER') ?? 'devalue'
  if (serializerName !== 'devalue' && serializerName !== 'json')
    throw new UsageError(`--serializer must be devalue or json, got ${JSON.stringify(serializerName)}.`)

  const ioredis = await import('ioredis').catch(() => undefined)
  if (ioredis === undefined) {
    throw new UsageError(
      'ioredis is not installed → npm install ioredis (the admin needs it to reach Redis).',
    )
  }
  const cluster = option('cluster', 'CACHEME_ADMIN_CLUSTER')
  const client = cluster
    ? new ioredis.Cluster(clusterNodes(cluster))
    : new ioredis.Redis(
        option('redis-url', 'CACHEME_ADMIN_REDIS_URL', 'REDIS_URL') ?? 'redis://127.0.0.1:6379',
        { maxRetriesPerRequest: 2 },
      )
  const cm = createCacheme({
    storage: new RedisStorage(client),
    prefix: option('prefix', 'CACHEME_ADMIN_PREFIX') ?? 'CM:',
    serializer: serializerName === 'json' ? jsonSerializer() : devalueSerializer(),
  })
  try {
    await cm.ready()
  } catch (error) {
    client.disconnect()
    throw new Error(`cannot use Redis: ${(error as Error).message}`)
  }
  const basePath = option('base-path', 'CACHEME_ADMIN_BASE_PATH')
  const admin = createAdmin({
    cacheme: cm,
    authorize,
    basePath,
    secret,
    stats: false,
    title: 'cacheme admin',
  })
  const server = createServer((req, res) => admin(req, res))
  const host = option('host', 'CACHEME_ADMIN_HOST') ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const address = server.address()
  const shown =
    typeof address === 'object' && address !== null ? `${address.address}:${address.port}` : String(address)
  process.stdout.write(
    `cacheme-admin: serving prefix ${JSON.stringify(cm.config.prefix)} on http://${shown}${basePath ?? ''}/\n`,
  )
  const stop = (): void => {
    server.close()
    server.closeAllConnections()
    void admin.close().then(() => client.quit())
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** `host:port,host:port` → ioredis Cluster startup nodes. @throws UsageError naming the bad node */
function clusterNodes(list: string): { host: string; port: number }[] {
  return list.split(',').map((node) => {
    const match = /^\s*([^\s:]*):(\d{1,5})\s*$/.exec(node)
    const port = Number(match?.[2])
    if (match === null || port < 1 || port > 65535) {
      throw new UsageError(
        `--cluster node ${JSON.stringify(node)} is not host:port → write e.g. 10.0.0.5:7000,10.0.0.6:7000.`,
      )
    }
    return { host: match[1] || '127.0.0.1', port }
  })
}

main(process.argv.slice(2), process.env).catch((error: unknown) => {
  const code = (error as { code?: unknown }).code
  const usage =
    error instanceof UsageError ||
    code === 'E_INVALID_OPTION' ||
    (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
  process.stderr.write(
    `cacheme-admin: ${(error as Error).message}${usage ? '\nRun cacheme-admin --help for the options.' : ''}\n`,
  )
  process.exitCode = usage ? 2 : 1
})
