/**
 * The keys and teams panel: reads /team/list and /key/list; creates teams and
 * keys, blocks, unblocks, regenerates and deletes keys through the management
 * API (SPEC 11). A new key is shown in one box, once, and dropped from the
 * page when dismissed; the tables show only `key_name` (`sk-…Ab3x`).
 */
import { api, errorMessage } from './api.js';
import { $, clear, h, list, pill, usd } from './dom.js';
import type { KeyView, TeamView } from './types.js';

const state: { teams: TeamView[]; keys: KeyView[]; loaded: boolean } = { teams: [], keys: [], loaded: false };
/** Called after every load of the lists, so the spend chart follows changes and names teams by alias. */
let onChange: () => void = () => {};

function budgetBar(spend: number, budget: number | null): HTMLElement {
  if (budget === null || budget === undefined) return h('div', { class: 'meter' }, [h('span', { text: `${usd(spend)} / no budget` })]);
  const pct = budget > 0 ? Math.min(100, Math.round((spend / budget) * 100)) : 100;
  return h('div', { class: 'meter', title: `${pct}% of the budget` }, [
    h('span', { text: `${usd(spend)} / ${usd(budget, 2)}` }),
    h('div', { class: 'bar' }, [h('span', { class: pct >= 100 ? 'full' : pct >= 80 ? 'hot' : null, width: `${pct}%` })]),
  ]);
}

function limitsText(x: TeamView | KeyView): string {
  const parts: string[] = [];
  if (x.rpm_limit !== null && x.rpm_limit !== undefined) parts.push(`${x.rpm_limit} rpm`);
  if (x.tpm_limit !== null && x.tpm_limit !== undefined) parts.push(`${x.tpm_limit} tpm`);
  if (x.max_parallel_requests !== null && x.max_parallel_requests !== undefined) parts.push(`${x.max_parallel_requests} parallel`);
  return parts.length ? parts.join(' · ') : '—';
}

function keysError(message: string): void {
  const box = $('keys-error');
  box.hidden = !message;
  box.textContent = message;
}

function showNewKey(key: string): void {
  $('new-key-value').textContent = key;
  $('new-key').hidden = false;
}

function hideNewKey(): void {
  $('new-key-value').textContent = '';
  $('new-key').hidden = true;
}

export function teamName(teamId: string | null): string {
  if (teamId === null) return 'no team';
  const team = state.teams.find((t) => t.team_id === teamId);
  return team?.team_alias || teamId;
}

export async function loadKeys(): Promise<void> {
  try {
    const [teams, keys] = await Promise.all([
      api<TeamView[]>('GET', '/team/list'),
      api<{ keys: KeyView[] }>('GET', '/key/list?return_full_object=true&size=1000'),
    ]);
    state.teams = teams;
    state.keys = keys.keys;
    keysError('');
    renderKeys();
  } catch (err) {
    keysError(`Keys and teams are unavailable: ${errorMessage(err)}`);
  }
  onChange();
}

/** Loads the panel the first time the app is shown. */
export function loadKeysOnce(): void {
  if (state.loaded) return;
  state.loaded = true;
  void loadKeys();
}

/** Signed out: forget everything, including a key still shown. */
export function resetKeys(): void {
  state.loaded = false;
  state.teams = [];
  state.keys = [];
  hideNewKey();
  clear($('teams-table').querySelector('tbody')!);
  clear($('keys-table').querySelector('tbody')!);
}

async function keyAction(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
    keysError('');
  } catch (err) {
    keysError(errorMessage(err));
  }
  await loadKeys();
}

function renderKeys(): void {
  const select = $<HTMLSelectElement>('key-team');
  const chosen = select.value;
  clear(select).appendChild(h('option', { value: '', text: 'no team' }));
  for (const t of state.teams) select.appendChild(h('option', { value: t.team_id, text: teamName(t.team_id) }));
  select.value = chosen;

  const teams = clear($('teams-table').querySelector('tbody')!);
  for (const t of state.teams) {
    const count = state.keys.filter((k) => k.team_id === t.team_id).length;
    teams.appendChild(
      h('tr', { 'data-team': t.team_id }, [
        h('td', { text: t.team_alias || '—' }),
        h('td', { class: 'mono', text: t.team_id }),
        h('td', { text: t.models.length ? t.models.join(', ') : 'all' }),
        h('td', { class: 'num', text: limitsText(t) }),
        h('td', null, [budgetBar(t.spend, t.max_budget)]),
        h('td', { class: 'num', text: String(count) }),
      ]),
    );
  }

  const body = clear($('keys-table').querySelector('tbody')!);
  if (!state.keys.length) body.appendChild(h('tr', null, [h('td', { class: 'dim', colspan: 9, text: 'No keys yet.' })]));
  for (const k of state.keys) body.appendChild(keyRow(k));
}

function keyRow(k: KeyView): HTMLTableRowElement {
  const expired = k.expires !== null && Date.parse(k.expires) <= Date.now();
  const status = k.blocked ? pill('bad', 'blocked') : expired ? pill('warn', 'expired') : pill('ok', 'active');
  const actions = h('td', null, [
    h('button', { type: 'button', 'data-action': k.blocked ? 'unblock' : 'block', text: k.blocked ? 'Unblock' : 'Block' }),
    h('button', { type: 'button', 'data-action': 'regenerate', text: 'Regenerate' }),
    h('button', { type: 'button', 'data-action': 'delete', text: 'Delete' }),
  ]);
  actions.addEventListener('click', (ev) => {
    const action = (ev.target as Element).getAttribute('data-action');
    if (action === 'delete') void keyAction(() => api('POST', '/key/delete', { keys: [k.token] }));
    else if (action === 'regenerate') void keyAction(async () => showNewKey((await api<{ key: string }>('POST', '/key/regenerate', { key: k.token })).key));
    else if (action === 'block' || action === 'unblock') void keyAction(() => api('POST', `/key/${action}`, { key: k.token }));
  });
  return h('tr', { 'data-key': k.token }, [
    h('td', { text: k.key_alias || '—' }),
    h('td', { class: 'mono', text: k.key_name }),
    h('td', { text: k.team_id ? teamName(k.team_id) : '—' }),
    h('td', { text: k.models.length ? k.models.join(', ') : 'all' }),
    h('td', { class: 'num', text: limitsText(k) }),
    h('td', null, [budgetBar(k.spend, k.max_budget)]),
    h('td', { text: k.expires ? `${k.expires.replace('T', ' ').slice(0, 16)} UTC` : 'never' }),
    h('td', null, [status]),
    actions,
  ]);
}

/** A typed number, or undefined when empty (the API names a field that is not a number). */
function numberOf(id: string): number | undefined {
  const v = $<HTMLInputElement>(id).value.trim();
  return v === '' ? undefined : Number(v);
}

function textOf(id: string): string {
  return $<HTMLInputElement | HTMLSelectElement>(id).value.trim();
}

export function initKeys(changed: () => void): void {
  onChange = changed;
  $('new-key-hide').addEventListener('click', hideNewKey);
  $<HTMLFormElement>('team-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body = { team_alias: textOf('team-alias'), models: list(textOf('team-models')), max_budget: numberOf('team-budget') };
    void keyAction(async () => {
      await api('POST', '/team/new', body);
      $<HTMLFormElement>('team-form').reset();
    });
  });
  $<HTMLFormElement>('key-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body: Record<string, unknown> = { models: list(textOf('key-models')), max_budget: numberOf('key-budget') };
    if (textOf('key-alias')) body.key_alias = textOf('key-alias');
    if (textOf('key-team')) body.team_id = textOf('key-team');
    if (textOf('key-duration')) body.duration = textOf('key-duration');
    void keyAction(async () => {
      showNewKey((await api<{ key: string }>('POST', '/key/generate', body)).key);
      $<HTMLFormElement>('key-form').reset();
    });
  });
}
