/**
 * The page chrome every page shares: header with the navigation, the signed-in user and a logout form,
 * the stylesheet (served from `/style.css`: the Content-Security-Policy allows no inline style), and an
 * optional `<meta http-equiv="refresh">` — how a running job's page updates itself without JavaScript.
 */
import { type HtmlValue, html, type SafeHtml } from './html.js'

/** The sections of the navigation. */
export type Section = 'tags' | 'keys' | 'invalid' | 'pattern' | 'history' | 'stats'

const NAV: readonly [Section, string, string][] = [
  ['tags', '/tags', 'Tags'],
  ['keys', '/keys', 'Keys'],
  ['invalid', '/invalid', 'Invalid keys'],
  ['pattern', '/pattern', 'Pattern invalidation'],
  ['history', '/history', 'History'],
  ['stats', '/stats', 'Stats'],
]

/** What a page hands to the layout. */
export interface LayoutOptions {
  /** The page's own title (also the `<h1>`). */
  readonly title: string
  /** The admin's title (`createAdmin({ title })`). */
  readonly appTitle: string
  /** Mount path, e.g. `/admin`. */
  readonly base: string
  /** The prefix the admin works under (shown in the header). */
  readonly prefix: string
  readonly body: HtmlValue
  readonly active?: Section
  /** Signed-in user and the CSRF token for the logout form; omitted on the login page. */
  readonly user?: { readonly name: string; readonly csrf: string; readonly canLogout: boolean }
  /** Reload the page after this many seconds (a running job). */
  readonly refreshSeconds?: number
}

/** A whole HTML document. */
export function layout(options: LayoutOptions): SafeHtml {
  const { base, user } = options
  const nav = user
    ? html`<nav aria-label="sections">${NAV.map(
        ([section, path, label]) =>
          html`<a href="${base}${path}"${section === options.active ? html` aria-current="page"` : ''}>${label}</a>`,
      )}</nav>`
    : ''
  const session = user
    ? html`<div class="session"><span class="user">${user.name}</span>${
        user.canLogout
          ? html`<form method="post" action="${base}/logout"><input type="hidden" name="_csrf" value="${user.csrf}"><button class="link" type="submit">Log out</button></form>`
          : ''
      }</div>`
    : ''
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ''}
<title>${options.title} · ${options.appTitle}</title>
<link rel="stylesheet" href="${base}/style.css">
</head>
<body>
<header>
<div class="brand"><a href="${base}/tags">${options.appTitle}</a><span class="prefix" title="key prefix">${options.prefix}</span></div>
${nav}
${session}
</header>
<main>
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>
`
}

/** A notice box (`kind`: info, success, warning, error). */
export function notice(kind: 'info' | 'success' | 'warning' | 'error', body: HtmlValue): SafeHtml {
  return html`<div class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${body}</div>`
}

/** The hidden CSRF field every POST form carries. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`
}
