/**
 * Pattern invalidation (the seed's feature), in two steps: a dry run counts and samples the matches,
 * then a confirmation deletes them. Both run as background jobs (`pattern-jobs.ts`); a job's page shows
 * its progress bar and refreshes itself every second while it runs, with a cancel button.
 */
import { CachemeError } from '@cacheme/core'
import { formatCount, formatDuration } from '../format.js'
import { href, html } from '../html.js'
import { csrfField, notice } from '../layout.js'
import { type PageContext, page, redirect } from '../page-context.js'
import { BusyError, type PatternJob } from '../pattern-jobs.js'
import type { Reply } from '../response.js'

/** How long a POST waits for its job before redirecting (a quick run then shows its result at once). */
const SETTLE_MS = 400

function form(ctx: PageContext, pattern: string, error?: string) {
  return html`${error ? notice('error', error) : ''}<form class="bar" method="post" action="${ctx.base}/pattern/dry-run">${csrfField(ctx.csrf)}
<label for="pattern">Pattern under <code>${ctx.cm.inspector.prefix}</code></label>
<input id="pattern" type="text" name="pattern" value="${pattern}" placeholder="Book:*" maxlength="512" required>
<button class="primary" type="submit">Dry run</button></form>
<p class="muted">A Redis glob (<code>*</code>, <code>?</code>, <code>[a-z]</code>, <code>\\*</code> for a literal star), matched only against keys under the prefix; cacheme's own keys (tags, history, statistics) never match. The dry run deletes nothing.</p>`
}

/** GET /pattern */
export async function patternPage(ctx: PageContext): Promise<Reply> {
  return page(ctx, 'pattern', 'Pattern invalidation', form(ctx, ctx.query.get('pattern') ?? ''))
}

/** POST /pattern/dry-run */
export async function startDryRun(ctx: PageContext): Promise<Reply> {
  const pattern = ctx.form.get('pattern') ?? ''
  let job: PatternJob
  try {
    job = ctx.jobs.start({ pattern, dryRun: true, user: ctx.user })
  } catch (error) {
    if (CachemeError.is(error, 'E_INVALID_PATTERN') || error instanceof BusyError) {
      return page(ctx, 'pattern', 'Pattern invalidation', form(ctx, pattern, error.message), { status: 400 })
    }
    throw error
  }
  await ctx.jobs.settle(job, SETTLE_MS)
  return redirect(ctx, `/pattern/jobs/${job.id}`)
}

/** POST /pattern/jobs/:id/confirm — deletes what a finished dry run matched. */
export async function confirmRun(ctx: PageContext, id: string): Promise<Reply> {
  const dry = ctx.jobs.get(id)
  if (dry === undefined || !dry.dryRun || dry.status !== 'done') return missing(ctx)
  if (dry.followUp !== undefined) return redirect(ctx, `/pattern/jobs/${dry.followUp}`)
  let job: PatternJob
  try {
    job = ctx.jobs.start({
      pattern: dry.pattern,
      dryRun: false,
      user: ctx.user,
      expected: dry.progress.matched,
    })
  } catch (error) {
    if (error instanceof BusyError)
      return page(ctx, 'pattern', 'Pattern invalidation', notice('error', error.message), { status: 429 })
    throw error
  }
  dry.followUp = job.id
  await ctx.jobs.settle(job, SETTLE_MS)
  return redirect(ctx, `/pattern/jobs/${job.id}`)
}

/** POST /pattern/jobs/:id/cancel */
export async function cancelRun(ctx: PageContext, id: string): Promise<Reply> {
  const job = ctx.jobs.get(id)
  if (job === undefined) return missing(ctx)
  ctx.jobs.cancel(id)
  await ctx.jobs.settle(job, SETTLE_MS)
  return redirect(ctx, `/pattern/jobs/${id}`)
}

/** GET /pattern/jobs/:id */
export async function jobPage(ctx: PageContext, id: string): Promise<Reply> {
  const job = ctx.jobs.get(id)
  if (job === undefined) return missing(ctx)
  const running = job.status === 'running'
  const elapsed = (job.finishedAt ?? Date.now()) - job.startedAt
  const { matched, deleted, steps } = job.progress
  const summary = job.dryRun
    ? html`<dl class="grid"><dt>Pattern</dt><dd class="key">${job.pattern}</dd><dt>Matched</dt><dd><strong id="matched">${formatCount(matched)}</strong> keys</dd><dt>Scan steps</dt><dd>${formatCount(steps)}</dd><dt>Time</dt><dd>${formatDuration(elapsed)}</dd></dl>`
    : html`<dl class="grid"><dt>Pattern</dt><dd class="key">${job.pattern}</dd><dt>Deleted</dt><dd><strong id="deleted">${formatCount(deleted)}</strong> of ${formatCount(job.expected ?? matched)} (dry run)</dd><dt>Scan steps</dt><dd>${formatCount(steps)}</dd><dt>Time</dt><dd>${formatDuration(elapsed)}</dd><dt>Started by</dt><dd>${job.user}</dd></dl>
<progress max="${Math.max(1, job.expected ?? matched)}" value="${Math.min(deleted, Math.max(1, job.expected ?? matched))}" aria-label="deleted"></progress>`
  const status = {
    running: notice('info', html`${job.dryRun ? 'Counting' : 'Deleting'}… this page refreshes every second.`),
    done: notice(
      'success',
      job.dryRun
        ? html`Dry run finished: ${formatCount(matched)} keys would be deleted.`
        : html`Done: ${formatCount(deleted)} keys deleted.`,
    ),
    cancelled: notice(
      'warning',
      html`Cancelled after ${formatCount(deleted)} keys; the rest were left in place.`,
    ),
    failed: notice('error', html`Failed: ${job.error ?? 'unknown error'}`),
  }[job.status]
  const cancel = running
    ? html`<form class="bar" method="post" action="${ctx.base}/pattern/jobs/${job.id}/cancel">${csrfField(ctx.csrf)}<button type="submit">Cancel</button></form>`
    : ''
  const sample =
    job.dryRun && job.result
      ? html`<h2>Sample (${formatCount(job.result.sample.length)} of ${formatCount(matched)})</h2>${
          job.result.sample.length === 0
            ? html`<p class="muted">Nothing matches.</p>`
            : html`<table><tbody>${job.result.sample.map((key) => html`<tr><td class="key">${key.slice(ctx.cm.inspector.prefix.length)}</td></tr>`)}</tbody></table>`
        }`
      : ''
  const confirm =
    job.dryRun && job.status === 'done' && matched > 0
      ? job.followUp
        ? html`<p><a href="${ctx.base}/pattern/jobs/${job.followUp}">See the run started from this dry run</a></p>`
        : html`<form class="bar" method="post" action="${ctx.base}/pattern/jobs/${job.id}/confirm">${csrfField(ctx.csrf)}<button class="danger" type="submit">Delete ${formatCount(matched)} keys</button> <a href="${href(ctx.base, '/pattern', { pattern: job.pattern })}">Change the pattern</a></form>`
      : ''
  const after =
    !job.dryRun && !running
      ? html`<p><a href="${ctx.base}/history">History</a>${job.recorded === false ? html` <span class="pill bad">the history record could not be stored</span>` : ''}</p>`
      : ''
  return page(
    ctx,
    'pattern',
    job.dryRun ? 'Dry run' : 'Pattern invalidation',
    html`${status}${summary}${cancel}${confirm}${sample}${after}`,
    {
      refreshSeconds: running ? 1 : undefined,
    },
  )
}

function missing(ctx: PageContext): Reply {
  return page(
    ctx,
    'pattern',
    'Job not found',
    notice(
      'warning',
      html`This job is unknown to this process (finished jobs are kept for a while; a job started by another process is not visible here). <a href="${ctx.base}/pattern">Start again</a>.`,
    ),
    { status: 404 },
  )
}
