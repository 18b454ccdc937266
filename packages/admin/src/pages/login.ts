/**
 * The login form, for browsers, when the authorizer is one of the built-in ones (`bearerAuth`,
 * `basicAuth`): it checks the submitted credentials with the authorizer and sets its session cookie.
 * With a custom `authorize`, there is nothing to log in to here: the page says so.
 */
import { html } from '../html.js'
import { csrfField, layout, notice } from '../layout.js'
import type { Reply } from '../response.js'

/** What the login page needs. */
export interface LoginView {
  readonly base: string
  readonly appTitle: string
  readonly prefix: string
  /** `token`, `password`, or undefined for a custom authorizer (no form). */
  readonly fields: 'token' | 'password' | undefined
  readonly csrf: string
  /** Where to go after logging in (a path inside the admin, already checked). */
  readonly next: string
  readonly error?: string
  readonly status: number
}

/** The login page. */
export function loginPage(view: LoginView): Reply {
  const form =
    view.fields === undefined
      ? notice(
          'warning',
          'Access to this admin is decided by the application (its authorize function), and this request was refused. Sign in the way the application expects, then reload.',
        )
      : html`<form class="login" method="post" action="${view.base}/login">${csrfField(view.csrf)}<input type="hidden" name="next" value="${view.next}">
${view.error ? notice('error', view.error) : ''}
${
  view.fields === 'password'
    ? html`<label for="username">User name</label><input id="username" name="username" type="text" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>`
    : html`<label for="token">Access token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus>`
}
<button class="primary" type="submit">Sign in</button></form>`
  return {
    kind: 'html',
    status: view.status,
    body: layout({
      title: 'Sign in',
      appTitle: view.appTitle,
      base: view.base,
      prefix: view.prefix,
      body: form,
    }),
  }
}
