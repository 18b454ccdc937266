/**
 * Writing responses, with the security headers every response of the admin carries:
 *
 * - `Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self' data:; form-action
 *   'self'; frame-ancestors 'none'; base-uri 'none'` — no script of any kind may run (the admin has
 *   none), styles only from its own stylesheet, forms only to itself, never framed;
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (URLs hold keys), `X-Frame-Options:
 *   DENY`, `Cross-Origin-Opener-Policy: same-origin`, `Cross-Origin-Resource-Policy: same-origin`;
 * - `Cache-Control: no-store`: pages show cached user data and must not stay in shared caches.
 */
import type { ServerResponse } from 'node:http'
import type { SafeHtml } from './html.js'

/** The Content-Security-Policy of every response. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
}

/** A response a route produces. */
export type Reply =
  | { readonly kind: 'html'; readonly status?: number; readonly body: SafeHtml; readonly headers?: Headers }
  | { readonly kind: 'redirect'; readonly to: string; readonly headers?: Headers }
  | {
      readonly kind: 'text'
      readonly status: number
      readonly body: string
      readonly type?: string
      readonly headers?: Headers
    }

/** Extra headers (Set-Cookie may repeat). */
export type Headers = Readonly<Record<string, string | readonly string[]>>

/** Writes `reply` with the security headers (and `extra`, e.g. cookies the request needs set). */
export function send(res: ServerResponse, reply: Reply, extra: readonly string[] = []): void {
  const headers: Record<string, string | string[]> = { ...SECURITY_HEADERS }
  for (const [name, value] of Object.entries(reply.headers ?? {})) {
    headers[name] = typeof value === 'string' ? value : [...value]
  }
  if (extra.length > 0) {
    const existing = headers['Set-Cookie']
    headers['Set-Cookie'] = [
      ...(existing === undefined ? [] : typeof existing === 'string' ? [existing] : existing),
      ...extra,
    ]
  }
  if (reply.kind === 'redirect') {
    res.writeHead(303, { ...headers, Location: reply.to, 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('See Other')
    return
  }
  const body = reply.kind === 'html' ? reply.body.toString() : reply.body
  const type =
    reply.kind === 'html' ? 'text/html; charset=utf-8' : (reply.type ?? 'text/plain; charset=utf-8')
  res.writeHead(reply.status ?? 200, {
    ...headers,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}
