/**
 * HTML escaping by construction. Every page is built with the {@link html} tagged template: each
 * interpolated value is escaped unless it is already {@link SafeHtml} (the result of another `html`
 * template), so keys and values — which hold user data — can only ever render as text. A key like
 * `<script>alert(1)</script>` becomes `&lt;script&gt;…`, inside elements and inside quoted attributes
 * alike (`"` and `'` are escaped too).
 *
 * Rules for page code: attribute values are always quoted; URLs are built with {@link href} from our own
 * paths plus encoded query parameters, never taken from input; nothing is ever inserted into a `<script>`
 * or `style` attribute (the Content-Security-Policy forbids both anyway).
 */

/** A string that is already safe HTML. Only {@link html} and {@link raw} make one. */
export class SafeHtml {
  readonly #text: string

  private constructor(text: string) {
    this.#text = text
  }

  /** @internal */
  static of(text: string): SafeHtml {
    return new SafeHtml(text)
  }

  toString(): string {
    return this.#text
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char] ?? char)
}

/** What may be interpolated: text and numbers (escaped), safe HTML, nothing (omitted), or lists of these. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[]

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof SafeHtml) return value.toString()
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

/** The tagged template: `html\`<td>${key}</td>\`` escapes `key`. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '')
  })
  return SafeHtml.of(out)
}

/** Marks trusted, constant markup (never input) as safe, e.g. a generated SVG path of numbers. */
export function raw(trusted: string): SafeHtml {
  return SafeHtml.of(trusted)
}

/**
 * A URL inside the admin: `base + path` plus query parameters, each encoded (empty values dropped).
 * Returned as text, to be interpolated (and thus attribute-escaped) by {@link html}.
 */
export function href(
  base: string,
  path: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value))
  }
  const search = params.toString()
  return `${base}${path}${search ? `?${search}` : ''}`
}
