/**
 * The admin's stylesheet, served as `/style.css` (the Content-Security-Policy allows stylesheets from the
 * admin itself only: no inline styles, no CDN). Plain CSS, no build step.
 */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6477; --line: #dfe3ea; --bg: #f6f7f9;
  --accent: #2f5bd3; --danger: #c0352b; --ok: #23855a; --warn: #a86400; --hit: #2f9e6a; --miss: #e0823d; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #16203a; color: #fff; flex-wrap: wrap; }
header a { color: #dbe3ff; text-decoration: none; }
.brand { display: flex; align-items: baseline; gap: 10px; font-weight: 600; font-size: 16px; }
.brand a { color: #fff; }
.prefix { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #2c3a63; padding: 2px 6px; border-radius: 4px; color: #c9d4ff; }
nav { display: flex; gap: 4px; flex-wrap: wrap; }
nav a { padding: 6px 10px; border-radius: 6px; }
nav a:hover { background: #24305a; }
nav a[aria-current="page"] { background: #2f5bd3; color: #fff; }
.session { margin-left: auto; display: flex; gap: 10px; align-items: center; color: #c9d4ff; }
.session form { margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 16px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
p.lead { color: var(--muted); margin-top: -8px; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f6; font-weight: 600; font-size: 13px; color: var(--muted); }
tr:last-child td { border-bottom: none; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.highlight td { background: #fff8d6; }
code, .key { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; word-break: break-all; }
a { color: var(--accent); }
pre { background: #0f1629; color: #e6ebff; padding: 14px; border-radius: 8px; overflow: auto; max-height: 480px; font-size: 13px; white-space: pre-wrap; word-break: break-all; }
form.inline { display: inline; margin: 0; }
form.bar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 0 0 16px; }
input[type=text], input[type=password], select { font: inherit; padding: 7px 10px; border: 1px solid #c5ccd8; border-radius: 6px; background: #fff; min-width: 260px; }
button { font: inherit; padding: 7px 14px; border-radius: 6px; border: 1px solid #c5ccd8; background: #fff; cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger { background: var(--danger); border-color: var(--danger); color: #fff; }
button.small { padding: 3px 9px; font-size: 13px; }
button.link { background: none; border: none; color: #c9d4ff; padding: 0; text-decoration: underline; }
.notice { padding: 10px 14px; border-radius: 8px; margin: 0 0 16px; border: 1px solid; }
.notice.info { background: #eef3ff; border-color: #c9d7ff; }
.notice.success { background: #e9f7ef; border-color: #b6e3c8; }
.notice.warning { background: #fff6e5; border-color: #f3d39a; }
.notice.error { background: #fdecea; border-color: #f3b8b2; }
.muted { color: var(--muted); }
.pill { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; background: #eef1f6; color: var(--muted); }
.pill.ok { background: #e3f4ea; color: var(--ok); }
.pill.bad { background: #fdecea; color: var(--danger); }
.pill.warn { background: #fff3dc; color: var(--warn); }
.grid { display: grid; grid-template-columns: 180px 1fr; gap: 6px 16px; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px; }
.grid dt { color: var(--muted); }
.grid dd { margin: 0; }
.pager { display: flex; gap: 12px; margin-top: 12px; align-items: center; }
progress { width: 100%; height: 18px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 16px; }
.chart { width: 100%; height: auto; }
.chart .hit { fill: var(--hit); }
.chart .miss { fill: var(--miss); }
.chart .ratio { fill: none; stroke: var(--accent); stroke-width: 2; }
.chart .axis { stroke: #c5ccd8; stroke-width: 1; }
.chart text { font-size: 11px; fill: var(--muted); }
.legend span { margin-right: 14px; font-size: 13px; }
.legend .sw { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: middle; }
.sw.hit { background: var(--hit); } .sw.miss { background: var(--miss); } .sw.ratio { background: var(--accent); }
.login { max-width: 380px; margin: 40px auto; background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 24px; }
.login label { display: block; margin: 10px 0 4px; color: var(--muted); }
.login input { width: 100%; min-width: 0; }
.login button { margin-top: 16px; width: 100%; }
`
