import { ADMIN_PAGE_CSS } from './admin-page.styles';
import { ADMIN_KEYS_CSS, ADMIN_KEYS_PANEL } from './admin-keys.view';
import { ADMIN_SPEND_CSS, ADMIN_SPEND_PANEL } from './admin-spend.view';

/** The page's code: an ES module (src/admin/browser/admin.ts) that imports its neighbours, served by GET /admin/assets/:name. */
export const ADMIN_PAGE_SCRIPT_URL = '/admin/assets/admin.js';

export interface AdminPageModel {
  /** Per-response CSP nonce for the inline style and the script element (and the modules it imports). */
  nonce: string;
  /** `ready`: authorized by the request's key, initial data embedded; `login`: the sign-in form; `disabled`: no master key configured. */
  mode: 'ready' | 'login' | 'disabled';
  /** The JSON of GET /admin/routes and GET /health at render time (mode `ready`). */
  initial?: { routes: unknown; health: unknown };
  /** Shown above the sign-in form. */
  message?: string;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For text and attribute values in HTML. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * JSON inside <script type="application/json">: no `<`, `>` or `&` (so no
 * `</script>` or `<!--`) and no line separators that break older parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The Content-Security-Policy the page is served with: only its own nonce-bearing
 * style and script (the script's static imports are fetched with its nonce),
 * only same-origin calls.
 */
export function adminPageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * GET /admin: the page shell. Routes, live state, explanations, keys and spend
 * are read from the JSON APIs by the page's script and built with textContent; what
 * the server puts in the page itself is escaped here. No secret is ever part
 * of it: the master key is typed into the form and kept in sessionStorage.
 */
export function renderAdminPage(model: AdminPageModel): string {
  const nonce = escapeHtml(model.nonce);
  const disabled = model.mode === 'disabled';
  const initial = model.mode === 'ready' && model.initial ? `<script type="application/json" id="initial-data">${jsonForScript(model.initial)}</script>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>LLM Gateway · Admin</title>
<style nonce="${nonce}">${ADMIN_PAGE_CSS}${ADMIN_KEYS_CSS}${ADMIN_SPEND_CSS}</style>
</head>
<body>
<header class="top">
  <div><h1>LLM Gateway · Routes</h1><div class="sub" id="router-line">&nbsp;</div></div>
  <div class="spacer"></div>
  <div class="meta" id="session"${model.mode === 'ready' ? '' : ' hidden'}>
    <span><span class="dot" id="live-dot"></span><span id="updated">not loaded</span></span>
    <label><input type="checkbox" id="live" checked> live</label>
    <button type="button" id="refresh">Refresh</button>
    <button type="button" id="signout" hidden>Sign out</button>
  </div>
</header>
<main>
  <section class="panel login" id="login"${model.mode === 'ready' ? ' hidden' : ''}>
    <h2>Sign in</h2>
    ${
      disabled
        ? '<p class="error">The admin API is disabled: set <code>general_settings.master_key</code> in the config to use it.</p>'
        : `<p class="hint">Enter the gateway's master key. It stays in this browser tab (sessionStorage) and is sent only to this gateway's admin API.</p>
    <p class="error" id="login-error"${model.message ? '' : ' hidden'}>${escapeHtml(model.message)}</p>
    <form id="login-form" autocomplete="off">
      <input type="password" id="login-key" placeholder="Master key" aria-label="Master key" autocomplete="off" spellcheck="false">
      <button type="submit" class="primary">Sign in</button>
    </form>`
    }
  </section>
  <div id="app" hidden>
    <div class="cards" id="cards"></div>
    <p class="error" id="fetch-error" hidden></p>
    <section class="panel explain">
      <h2>Explain a request</h2>
      <p class="hint">Which deployment a request for this model would get now, and why each candidate is kept or dropped. No upstream call is made.</p>
      <form id="explain-form" autocomplete="off">
        <input type="text" id="explain-model" list="model-names" placeholder="Model name, e.g. gpt-4o" aria-label="Model name">
        <textarea id="explain-message" placeholder="Optional prompt (for context-window checks)" aria-label="Prompt"></textarea>
        <button type="submit" class="primary">Explain</button>
      </form>
      <datalist id="model-names"></datalist>
      <div class="result" id="explain-result"></div>
    </section>
    <div class="toolbar">
      <input type="text" id="filter" placeholder="Filter models, deployments, providers" aria-label="Filter">
      <span class="status-line">Refreshes every 3 s from <code>/admin/routes</code> and <code>/health</code>.</span>
    </div>
    <div id="models"></div>${ADMIN_SPEND_PANEL}${ADMIN_KEYS_PANEL}
  </div>
  <footer>Times are UTC in the APIs; countdowns use this browser's clock.</footer>
</main>
${initial}
${disabled ? '' : `<script type="module" nonce="${nonce}" src="${ADMIN_PAGE_SCRIPT_URL}"></script>`}
</body>
</html>
`;
}
