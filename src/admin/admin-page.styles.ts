/** The admin page's stylesheet, inlined (no build step, no external request). */
export const ADMIN_PAGE_CSS = String.raw`
:root {
  --bg: #f5f6f8; --panel: #fff; --text: #1d2330; --muted: #667085; --line: #e4e7ec;
  --accent: #3154d4; --ok: #127a45; --ok-bg: #e5f6ec; --warn: #9a5b00; --warn-bg: #fff2d9;
  --bad: #b42318; --bad-bg: #fde8e6; --idle: #475467; --idle-bg: #eef0f3;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header.top { position: sticky; top: 0; z-index: 2; display: flex; align-items: center; gap: 16px; padding: 12px 24px; background: #141a2a; color: #fff; }
header.top h1 { margin: 0; font-size: 16px; font-weight: 600; letter-spacing: .2px; }
header.top .sub { color: #aab3c5; font-size: 12px; }
header.top .spacer { flex: 1; }
header.top .meta { color: #aab3c5; font-size: 12px; display: flex; gap: 12px; align-items: center; }
header.top button { background: transparent; color: #fff; border: 1px solid #3a4560; }
header.top button:hover { background: #222b40; }
main { max-width: 1440px; margin: 0 auto; padding: 20px 24px 48px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin-bottom: 16px; }
.panel h2 { margin: 0 0 4px; font-size: 15px; }
.panel .hint { color: var(--muted); font-size: 12px; margin: 0 0 12px; }
button, input, textarea, select { font: inherit; }
button { cursor: pointer; border-radius: 6px; padding: 6px 12px; border: 1px solid var(--line); background: #fff; color: var(--text); }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.primary:hover { background: #2845b5; }
input[type=text], input[type=password], textarea { width: 100%; padding: 7px 10px; border: 1px solid #cfd4dc; border-radius: 6px; background: #fff; color: var(--text); }
input:focus, textarea:focus { outline: 2px solid #c7d2fe; border-color: var(--accent); }
.login { max-width: 420px; margin: 64px auto; }
.login form { display: flex; flex-direction: column; gap: 10px; }
.error { color: var(--bad); background: var(--bad-bg); border-radius: 6px; padding: 8px 10px; font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 16px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 12px; }
.card .value { font-size: 20px; font-weight: 600; margin-top: 2px; }
.card .value.small { font-size: 13px; font-weight: 500; }
.toolbar { display: flex; gap: 12px; align-items: center; margin: 0 0 12px; }
.toolbar input { max-width: 280px; }
.model-head { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; margin-bottom: 8px; }
.model-head h3 { margin: 0; font-size: 15px; font-family: var(--mono); }
.fallbacks { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 12px; color: var(--muted); margin: 2px 0 10px; }
.chain { display: inline-flex; align-items: center; gap: 4px; flex-wrap: wrap; }
.chain .node { font-family: var(--mono); background: var(--idle-bg); color: var(--text); border-radius: 4px; padding: 1px 6px; }
.chain .node.self { background: #e0e7ff; }
.chain .arrow { color: #98a2b3; }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; padding: 6px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
td { padding: 7px 8px; border-bottom: 1px solid #f0f2f5; vertical-align: top; }
tr:last-child td { border-bottom: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.mono { font-family: var(--mono); font-size: 12px; }
.dim { color: var(--muted); }
.url { min-width: 150px; max-width: 240px; overflow-wrap: anywhere; }
.pill { display: inline-block; border-radius: 999px; padding: 1px 8px; font-size: 12px; font-weight: 500; white-space: nowrap; }
.pill.ok { color: var(--ok); background: var(--ok-bg); }
.pill.warn { color: var(--warn); background: var(--warn-bg); }
.pill.bad { color: var(--bad); background: var(--bad-bg); }
.pill.idle { color: var(--idle); background: var(--idle-bg); }
.meter { display: flex; flex-direction: column; gap: 3px; min-width: 88px; }
.meter .bar { height: 5px; background: #eef0f3; border-radius: 3px; overflow: hidden; }
.meter .bar span { display: block; height: 100%; background: var(--accent); }
.meter .bar span.hot { background: #d97706; }
.meter .bar span.full { background: var(--bad); }
.explain form { display: grid; grid-template-columns: minmax(180px, 260px) 1fr auto; gap: 10px; align-items: start; }
.explain textarea { min-height: 36px; height: 36px; resize: vertical; }
.result { margin-top: 14px; }
.verdict { border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; }
.verdict.ok { background: var(--ok-bg); color: var(--ok); }
.verdict.bad { background: var(--bad-bg); color: var(--bad); }
.verdict strong { font-family: var(--mono); }
.status-line { font-size: 12px; color: var(--muted); }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 6px; background: #98a2b3; }
.dot.live { background: #22c55e; }
.dot.stale { background: #f59e0b; }
[hidden] { display: none !important; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
`;
