/**
 * GET /admin's browser code (served as /admin/assets/admin.js, an ES module;
 * it imports its neighbours from the same folder). It reads the JSON APIs —
 * GET /admin/routes, GET /health, POST /admin/routes/explain, the key, team
 * and spend routes — and builds every element with textContent, never
 * innerHTML, so nothing it shows can become markup.
 */
import { api, errorMessage, errorStatus, session } from './api.js';
import { $, clear, fmt, h, ms, pill } from './dom.js';
import { initKeys, loadKeys, loadKeysOnce, resetKeys, teamName } from './keys.js';
import { initSpend, loadSpend } from './spend-chart.js';
import type { DeploymentView, ExplainView, HealthView, ModelRoutesView, RoutesView } from './types.js';

const POLL_MS = 3000;
/** The spend chart is read less often than the routes: spend is written in batches. */
const SPEND_POLL_MS = 30_000;

const state: {
  routes: RoutesView | null;
  health: HealthView | null;
  filter: string;
  timer: number | null;
  lastOk: number;
  lastSpend: number;
  loading: boolean;
} = {
  routes: null,
  health: null,
  filter: '',
  timer: null,
  lastOk: 0,
  lastSpend: 0,
  loading: false,
};

// --- sign-in ---------------------------------------------------------------
function showLogin(message: string): void {
  stopPolling();
  $('app').hidden = true;
  $('session').hidden = true;
  $('login').hidden = false;
  $('signout').hidden = true;
  const box = $('login-error');
  box.hidden = !message;
  box.textContent = message;
  $('login-key').focus();
}

function showApp(): void {
  loadKeysOnce();
  $('login').hidden = true;
  $('app').hidden = false;
  $('session').hidden = false;
  $('signout').hidden = !session.signedIn;
}

// --- polling ---------------------------------------------------------------
function stopPolling(): void {
  if (state.timer !== null) clearInterval(state.timer);
  state.timer = null;
}

function startPolling(): void {
  if (state.timer !== null) return;
  state.timer = window.setInterval(() => {
    if (!document.hidden && $<HTMLInputElement>('live').checked) void refresh(false);
  }, POLL_MS);
}

/** Forced after every load of the keys and teams (the chart names teams by alias), else at most every SPEND_POLL_MS. */
function refreshSpend(force: boolean): void {
  if (!force && Date.now() - state.lastSpend < SPEND_POLL_MS) return;
  state.lastSpend = Date.now();
  void loadSpend();
}

async function refresh(first: boolean): Promise<void> {
  if (state.loading) return;
  state.loading = true;
  try {
    const [routes, health] = await Promise.all([api<RoutesView>('GET', '/admin/routes'), api<HealthView>('GET', '/health').catch(() => null)]);
    state.routes = routes;
    state.health = health;
    state.lastOk = Date.now();
    $('fetch-error').hidden = true;
    showApp();
    render();
    refreshSpend(false);
    startPolling();
  } catch (err) {
    const status = errorStatus(err);
    if (status === 401 || status === 403) {
      session.signOut();
      showLogin(first ? `That key was refused: ${errorMessage(err)}` : `Signed out: ${errorMessage(err)}`);
    } else {
      $('fetch-error').hidden = false;
      $('fetch-error').textContent = `Could not refresh: ${errorMessage(err)}`;
    }
  } finally {
    state.loading = false;
    tick();
  }
}

// --- rendering -------------------------------------------------------------
function healthById(): Record<string, NonNullable<HealthView['deployments']>[number]> {
  const out: Record<string, NonNullable<HealthView['deployments']>[number]> = {};
  for (const d of state.health?.deployments ?? []) out[d.id] = d;
  return out;
}

function render(): void {
  const r = state.routes;
  if (!r) return;
  const all = r.models.flatMap((m) => m.deployments);
  const cooling = all.filter((d) => d.cooldown.active).length;
  const available = all.filter((d) => d.available).length;
  const inFlight = all.reduce((s, d) => s + d.in_flight, 0);
  const rs = state.health?.router_state;
  const stateText = !rs
    ? 'unknown'
    : rs.backend === 'memory'
      ? 'in memory (this replica)'
      : rs.status === 'up'
        ? `Redis ${rs.address} (shared)`
        : `Redis ${rs.address} DOWN: local`;
  const cards = clear($('cards'));
  const figures: Array<[string, string, boolean?]> = [
    ['Models', fmt(r.models.length)],
    ['Deployments', fmt(all.length)],
    ['Available', `${fmt(available)} / ${fmt(all.length)}`],
    ['Cooling down', fmt(cooling)],
    ['In flight', fmt(inFlight)],
    ['Strategy', r.router.routing_strategy, true],
    ['Router state', stateText, true],
  ];
  for (const [label, value, small] of figures) {
    cards.appendChild(
      h('div', { class: 'card' }, [h('div', { class: 'label', text: label }), h('div', { class: `value${small ? ' small' : ''}`, text: value })]),
    );
  }
  $('router-line').textContent =
    `num_retries ${r.router.num_retries} · allowed_fails ${r.router.allowed_fails} · cooldown ${r.router.cooldown_seconds} s` +
    (r.router.timeout_seconds !== null ? ` · timeout ${r.router.timeout_seconds} s` : '');

  const names = clear($('model-names'));
  for (const m of r.models) names.appendChild(h('option', { value: m.model_name }));

  const health = healthById();
  const host = clear($('models'));
  const filter = state.filter.toLowerCase();
  let shown = 0;
  for (const m of r.models) {
    const hay = `${m.model_name} ${m.deployments.map((d) => `${d.id} ${d.provider} ${d.upstream_model}`).join(' ')}`.toLowerCase();
    if (filter && !hay.includes(filter)) continue;
    shown++;
    host.appendChild(modelPanel(m, health));
  }
  if (shown === 0) host.appendChild(h('div', { class: 'panel dim', text: filter ? 'No model matches the filter.' : 'No models are configured.' }));
}

function chain(self: string, names: string[]): HTMLElement {
  const el = h('span', { class: 'chain' }, [h('span', { class: 'node self', text: self })]);
  for (const name of names) el.append(h('span', { class: 'arrow', text: '→' }), h('span', { class: 'node', text: name }));
  return el;
}

const HEAD_TITLES: Record<string, string> = {
  RPM: 'Requests this minute / limit',
  TPM: 'Tokens this minute / limit',
  'Fails 1m': 'Failures in the last minute (every replica)',
  'Success 5m': 'Share of successful calls in the last 5 minutes (this replica)',
  'p50 / p95': 'Latency percentiles of recent calls (time to first token for streams)',
};
const HEADS = ['Deployment', 'Provider · model', 'api_base', 'Weight', 'RPM', 'TPM', 'In flight', 'Status', 'Fails 1m', 'Success 5m', 'p50 / p95'];

function modelPanel(m: ModelRoutesView, health: ReturnType<typeof healthById>): HTMLElement {
  const up = m.deployments.filter((d) => d.available).length;
  const head = h('div', { class: 'model-head' }, [
    h('h3', { text: m.model_name }),
    pill(up === m.deployments.length ? 'ok' : up === 0 ? 'bad' : 'warn', `${up} / ${m.deployments.length} available`),
  ]);
  const fb = h('div', { class: 'fallbacks' });
  const lists: Array<[string, string[]]> = [
    ['on error', m.fallbacks.general],
    ['context window', m.fallbacks.context_window],
    ['content policy', m.fallbacks.content_policy],
  ];
  for (const [label, names] of lists)
    fb.appendChild(h('span', null, [`${label}: `, names.length ? chain(m.model_name, names) : h('span', { class: 'dim', text: 'none' })]));
  const table = h('table', null, [
    h('thead', null, [
      h(
        'tr',
        null,
        HEADS.map((t, i) => h('th', { text: t, class: i >= 3 && i !== 7 ? 'num' : null, title: HEAD_TITLES[t] })),
      ),
    ]),
    h(
      'tbody',
      null,
      m.deployments.map((d) => deploymentRow(d, health[d.id])),
    ),
  ]);
  return h('section', { class: 'panel model', 'data-model': m.model_name }, [head, fb, h('div', { class: 'table-wrap' }, [table])]);
}

function meter(used: number, limit: number | null): HTMLElement {
  if (limit === null || limit === undefined) return h('div', { class: 'meter' }, [h('span', { text: `${fmt(used)} / no limit` })]);
  const pct = limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 100;
  const bar = h('span', { class: pct >= 100 ? 'full' : pct >= 80 ? 'hot' : null, width: `${pct}%` });
  return h('div', { class: 'meter', title: `${pct}% of the limit this minute` }, [
    h('span', { text: `${fmt(used)} / ${fmt(limit)}` }),
    h('div', { class: 'bar' }, [bar]),
  ]);
}

function statusCell(d: DeploymentView): HTMLElement {
  if (d.cooldown.active && d.cooldown.until) {
    const until = Date.parse(d.cooldown.until);
    return h('td', null, [h('span', { class: 'pill bad countdown', 'data-until': String(until), title: `until ${d.cooldown.until}`, text: 'cooling down' })]);
  }
  if (d.available) return h('td', null, [pill('ok', 'available', d.status_reason)]);
  return h('td', null, [pill('warn', d.status_reason)]);
}

function deploymentRow(d: DeploymentView, hd: ReturnType<typeof healthById>[string] | undefined): HTMLElement {
  const rate = hd && hd.success_rate !== null && hd.success_rate !== undefined ? `${Math.round(hd.success_rate * 1000) / 10}%` : '—';
  const calls = hd ? `${hd.calls.ok} ok, ${hd.calls.failed} failed in ${hd.calls.window_minutes} min (this replica)` : '';
  return h('tr', { 'data-deployment': d.id }, [
    h('td', null, [
      h('div', { class: 'mono', text: d.id }),
      d.missing_env.length ? h('div', { class: 'dim', text: `unset: ${d.missing_env.join(', ')}` }) : null,
    ]),
    h('td', null, [h('div', { text: d.provider }), h('div', { class: 'mono dim', text: d.upstream_model })]),
    h('td', { class: 'mono url', text: d.api_base || '—' }),
    h('td', { class: 'num', text: d.weight === null ? '—' : fmt(d.weight, 2) }),
    h('td', { class: 'num' }, [meter(d.usage.rpm, d.limits.rpm)]),
    h('td', { class: 'num' }, [meter(d.usage.tpm, d.limits.tpm)]),
    h('td', { class: 'num', text: fmt(d.in_flight) }),
    statusCell(d),
    h('td', { class: 'num', text: fmt(d.recent_failures) }),
    h('td', { class: 'num', text: rate, title: calls }),
    h('td', { class: 'num', text: d.latency_ms.p50 === null ? '—' : `${ms(d.latency_ms.p50)} / ${ms(d.latency_ms.p95)}` }),
  ]);
}

/** Once a second: cooldown countdowns and the freshness of the data. */
function tick(): void {
  const now = Date.now();
  document.querySelectorAll('.countdown').forEach((el) => {
    const left = Math.max(0, Math.ceil((Number(el.getAttribute('data-until')) - now) / 1000));
    el.textContent = left > 0 ? `cooling down · ${left} s` : 'back now';
    el.className = left > 0 ? 'pill bad countdown' : 'pill ok countdown';
  });
  if (state.lastOk) {
    const age = Math.round((now - state.lastOk) / 1000);
    $('live-dot').className = `dot ${age <= 10 ? 'live' : 'stale'}`;
    $('updated').textContent = `updated ${age <= 1 ? 'just now' : `${age} s ago`}`;
  }
}

// --- explain ---------------------------------------------------------------
async function explain(ev: Event): Promise<void> {
  ev.preventDefault();
  const model = $<HTMLInputElement>('explain-model').value.trim();
  const text = $<HTMLTextAreaElement>('explain-message').value;
  const out = clear($('explain-result'));
  if (!model) {
    out.appendChild(h('div', { class: 'error', text: 'Type a model name.' }));
    return;
  }
  const body: { model: string; messages?: Array<{ role: string; content: string }> } = { model };
  if (text.trim()) body.messages = [{ role: 'user', content: text }];
  out.appendChild(h('div', { class: 'dim', text: 'Explaining…' }));
  try {
    renderExplain(clear(out), await api<ExplainView>('POST', '/admin/routes/explain', body));
  } catch (err) {
    clear(out).appendChild(h('div', { class: 'error', text: errorMessage(err) }));
    if (errorStatus(err) === 401) showLogin(`Signed out: ${errorMessage(err)}`);
  }
}

function renderExplain(out: HTMLElement, x: ExplainView): void {
  if (x.pick) {
    out.appendChild(h('div', { class: 'verdict ok' }, ['Would go to ', h('strong', { text: x.pick.id }), ` — ${x.pick.reason} (${x.routing_strategy})`]));
  } else if (x.no_pick_error) {
    const e = x.no_pick_error;
    const code = e.code ? ` (${e.code})` : '';
    const retry = e.retry_after_seconds ? `, Retry-After ${e.retry_after_seconds} s` : '';
    out.appendChild(
      h('div', { class: 'verdict bad' }, [`No deployment may take it now: the caller would get ${e.status} ${e.type}${code}${retry}. ${e.message}`]),
    );
  }
  if (x.prompt_tokens_estimate !== null && x.prompt_tokens_estimate !== undefined) {
    out.appendChild(h('p', { class: 'status-line', text: `Prompt estimate: ~${x.prompt_tokens_estimate} tokens` }));
  }
  const rows = x.candidates.map((c) => {
    const verdict = c.picked ? pill('ok', 'picked') : c.kept ? pill('idle', 'kept') : pill('bad', `dropped${c.drop ? `: ${c.drop}` : ''}`);
    return h('tr', { 'data-candidate': c.id }, [
      h('td', { class: 'mono', text: c.id }),
      h('td', null, [h('div', { text: c.provider }), h('div', { class: 'mono dim', text: c.upstream_model })]),
      h('td', null, [verdict]),
      h('td', { text: c.reason }),
      h('td', { class: 'dim', text: c.strategy_view }),
    ]);
  });
  const heads = ['Candidate', 'Provider · upstream', 'Verdict', 'Why', 'What the strategy sees'];
  out.appendChild(
    h('div', { class: 'table-wrap' }, [
      h('table', null, [
        h('thead', null, [
          h(
            'tr',
            null,
            heads.map((t) => h('th', { text: t })),
          ),
        ]),
        h('tbody', null, rows),
      ]),
    ]),
  );
  const fb = x.fallbacks;
  const list = h('div', { class: 'fallbacks' });
  if (fb.disabled) list.appendChild(h('span', { text: 'Fallbacks disabled for this request.' }));
  else {
    list.appendChild(h('span', null, ['on error: ', fb.chain.length ? chain(x.model, []) : h('span', { class: 'dim', text: 'none' })]));
    for (const step of fb.chain) {
      list.appendChild(
        h('span', null, [
          h('span', { class: 'arrow', text: '→ ' }),
          h('span', { class: 'mono', text: step.model }),
          ' ',
          !step.exists ? pill('bad', 'not configured') : step.pick ? pill('ok', `would use ${step.pick.id}`) : pill('warn', 'none available'),
        ]),
      );
    }
    list.appendChild(h('span', null, ['context window: ', fb.on_context_window.length ? fb.on_context_window.join(' → ') : 'none']));
    list.appendChild(h('span', null, ['content policy: ', fb.on_content_policy.length ? fb.on_content_policy.join(' → ') : 'none']));
  }
  out.appendChild(list);
}

// --- start -----------------------------------------------------------------
function start(): void {
  if (!document.getElementById('login-form')) return; // the admin API is disabled: the page is only the notice
  $<HTMLFormElement>('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = $<HTMLInputElement>('login-key');
    const key = input.value.trim();
    input.value = '';
    if (!key) return showLogin('Enter the master key.');
    session.signIn(key);
    void refresh(true);
  });
  $('signout').addEventListener('click', () => {
    session.signOut();
    state.routes = null;
    resetKeys();
    clear($('models'));
    showLogin('');
  });
  $('explain-form').addEventListener('submit', (ev) => void explain(ev));
  $<HTMLInputElement>('filter').addEventListener('input', (ev) => {
    state.filter = (ev.target as HTMLInputElement).value;
    render();
  });
  $('refresh').addEventListener('click', () => {
    void refresh(false);
    void loadKeys(); // and the spend chart after it
  });
  initKeys(() => refreshSpend(true));
  initSpend(teamName);
  setInterval(tick, 1000);

  const initial = document.getElementById('initial-data');
  if (initial?.textContent) {
    try {
      const data = JSON.parse(initial.textContent) as { routes: RoutesView; health: HealthView | null };
      state.routes = data.routes;
      state.health = data.health;
      state.lastOk = Date.now();
      showApp();
      render();
      startPolling();
      tick();
    } catch {
      void refresh(true);
    }
  } else if (session.signedIn) {
    void refresh(true);
  } else {
    showLogin('');
  }
}

start();
