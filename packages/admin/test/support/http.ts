/** A tiny HTTP client for the tests: real requests over loopback, a cookie jar, CSRF tokens from pages. */

/** One response, body read. */
export interface Response {
  readonly status: number
  readonly headers: Headers
  readonly text: string
}

/** A browser-like session against one server: keeps cookies, follows nothing. */
export class Session {
  readonly origin: string
  readonly #cookies = new Map<string, string>()
  readonly #headers: Record<string, string>

  constructor(origin: string, headers: Record<string, string> = {}) {
    this.origin = origin
    this.#headers = headers
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.#send('GET', path, undefined, headers)
  }

  /** POSTs a urlencoded form (add `_csrf` yourself, or use {@link submit}). */
  async post(
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return this.#send('POST', path, new URLSearchParams(form).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    })
  }

  /** GETs `page`, takes its CSRF token, and POSTs `form` with it to `action`. */
  async submit(page: string, action: string, form: Record<string, string> = {}): Promise<Response> {
    const token = csrfToken((await this.get(page)).text)
    return this.post(action, { ...form, _csrf: token })
  }

  cookie(name: string): string | undefined {
    return this.#cookies.get(name)
  }

  async #send(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<Response> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(this.origin + path, {
      method,
      body,
      redirect: 'manual',
      headers: { accept: 'text/html', ...this.#headers, ...(cookie ? { cookie } : {}), ...headers },
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair?.indexOf('=') ?? -1
      if (pair && at > 0) {
        const value = pair.slice(at + 1)
        if (/Max-Age=0/i.test(line)) this.#cookies.delete(pair.slice(0, at))
        else this.#cookies.set(pair.slice(0, at), value)
      }
    }
    return { status: response.status, headers: response.headers, text: await response.text() }
  }
}

/** The CSRF token of the first form of a page. */
export function csrfToken(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error('no CSRF token on the page')
  return match[1]
}

/** The job path a dry-run or confirm POST redirected to. */
export function location(response: Response): string {
  const to = response.headers.get('location')
  if (!to) throw new Error(`expected a redirect, got ${response.status}: ${response.text.slice(0, 200)}`)
  return to
}
