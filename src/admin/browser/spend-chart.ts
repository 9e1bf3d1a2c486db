/**
 * Spend per day, by team and by model: two stacked bar charts drawn as SVG
 * from GET /spend/report?group_by=team (each day's teams, each broken down by
 * model in `metadata`). Every bar segment carries its day, series and spend
 * in data attributes and a <title>; the legend carries each series' total.
 */
import { api, errorMessage } from './api.js';
import { $, clear, fmt, h, svg, usd } from './dom.js';
import type { SpendReportDay } from './types.js';

const DAY_MS = 86_400_000;
/** Tableau 10: distinct on white, in order of use. */
const COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const W = 720;
const H = 240;
const M = { top: 12, right: 12, bottom: 28, left: 64 };

export interface Series {
  name: string;
  total: number;
  requests: number;
  byDay: Map<string, { spend: number; requests: number }>;
}

let teamName: (id: string | null) => string = (id) => id ?? 'no team';

const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Every day from `from` to `to`, inclusive (`YYYY-MM-DD`, UTC). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to) && out.length < 366; t += DAY_MS) out.push(isoDay(t));
  return out;
}

function add(series: Map<string, Series>, id: string, name: string, day: string, spend: number, requests: number): void {
  const s: Series = series.get(id) ?? { name, total: 0, requests: 0, byDay: new Map<string, { spend: number; requests: number }>() };
  series.set(id, s);
  const d = s.byDay.get(day) ?? { spend: 0, requests: 0 };
  s.byDay.set(day, d);
  d.spend += spend;
  d.requests += requests;
  s.total += spend;
  s.requests += requests;
}

/** The report as two lists of series, biggest first: by team (kept apart by id, named by alias) and by model. */
export function seriesOf(report: SpendReportDay[]): { teams: Series[]; models: Series[] } {
  const teams = new Map<string, Series>();
  const models = new Map<string, Series>();
  for (const day of report) {
    for (const team of day.teams ?? []) {
      add(teams, team.team_id ?? '', teamName(team.team_id), day.group_by_day, team.total_spend, team.requests);
      for (const m of team.metadata) add(models, m.model, m.model, day.group_by_day, m.spend, m.requests);
    }
  }
  const bySize = (a: Series, b: Series) => b.total - a.total || (a.name < b.name ? -1 : 1);
  return { teams: [...teams.values()].sort(bySize), models: [...models.values()].sort(bySize) };
}

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function chart(group: 'team' | 'model', days: string[], series: Series[]): SVGSVGElement {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const dayTotals = days.map((d) => series.reduce((sum, s) => sum + (s.byDay.get(d)?.spend ?? 0), 0));
  const max = niceMax(Math.max(0, ...dayTotals));
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  const band = plotW / Math.max(1, days.length);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'spend-chart', role: 'img', 'data-group': group, 'aria-label': `Spend per day by ${group}` });

  const digits = max < 0.01 ? 6 : max < 1 ? 4 : 2;
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    root.appendChild(svg('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: 'grid' }));
    root.appendChild(svg('text', { x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis', text: usd(v, digits) }));
  }
  const labelEvery = Math.ceil(days.length / 10); // counted back from the last day, which is always labelled
  days.forEach((day, i) => {
    const x = M.left + i * band;
    if ((days.length - 1 - i) % labelEvery === 0)
      root.appendChild(svg('text', { x: x + band / 2, y: H - 8, 'text-anchor': 'middle', class: 'axis', text: day.slice(5) }));
    let top = 0;
    series.forEach((s, si) => {
      const cell = s.byDay.get(day);
      if (!cell || !(cell.spend > 0 || cell.requests > 0)) return;
      const y0 = y(top);
      top += cell.spend;
      const y1 = y(top);
      const title = `${day} · ${s.name}: ${usd(cell.spend, 6)} (${fmt(cell.requests)} request${cell.requests === 1 ? '' : 's'})`;
      root.appendChild(
        svg(
          'rect',
          {
            x: x + band * 0.15,
            y: y1,
            width: band * 0.7,
            height: Math.max(1, y0 - y1),
            fill: COLORS[si % COLORS.length],
            class: 'bar',
            'data-day': day,
            'data-series': s.name,
            'data-spend': String(cell.spend),
            'data-requests': String(cell.requests),
          },
          [svg('title', { text: title })],
        ),
      );
    });
  });
  return root;
}

function legend(series: Series[]): HTMLElement {
  return h(
    'ul',
    { class: 'legend' },
    series.map((s, si) => {
      const swatch = h('span', { class: 'swatch' });
      swatch.style.background = COLORS[si % COLORS.length];
      return h('li', { 'data-series': s.name, 'data-total': String(s.total), 'data-requests': String(s.requests) }, [
        swatch,
        h('span', { text: s.name }),
        h('span', { class: 'dim', text: ` ${usd(s.total, 6)} · ${fmt(s.requests)} req` }),
      ]);
    }),
  );
}

function spendError(message: string): void {
  const box = $('spend-error');
  box.hidden = !message;
  box.textContent = message;
}

/** Loads overlap (polling, changes): only the latest one's answer is drawn. */
let loads = 0;

export async function loadSpend(): Promise<void> {
  const seq = ++loads;
  const from = $<HTMLInputElement>('spend-from').value;
  const to = $<HTMLInputElement>('spend-to').value;
  if (!from || !to || from > to) return spendError('Choose a start date on or before the end date.');
  try {
    const report = await api<SpendReportDay[]>('GET', `/spend/report?group_by=team&start_date=${from}&end_date=${to}`);
    if (seq !== loads) return;
    spendError('');
    render(from, to, report);
  } catch (err) {
    if (seq === loads) spendError(`Spend is unavailable: ${errorMessage(err)}`);
  }
}

function render(from: string, to: string, report: SpendReportDay[]): void {
  const days = daysBetween(from, to);
  const { teams, models } = seriesOf(report);
  const total = teams.reduce((sum, s) => sum + s.total, 0);
  const requests = teams.reduce((sum, s) => sum + s.requests, 0);
  const summary = $('spend-total');
  summary.textContent = `${usd(total, 6)} in ${fmt(requests)} request${requests === 1 ? '' : 's'}, ${from} to ${to} (UTC)`;
  summary.setAttribute('data-total', String(total));
  for (const [group, series] of [
    ['team', teams],
    ['model', models],
  ] as const) {
    const host = clear($(`spend-${group}-chart`));
    host.appendChild(h('h3', { text: `By ${group}` }));
    if (!series.length) host.appendChild(h('p', { class: 'dim', text: 'No spend recorded in these days.' }));
    else host.append(chart(group, days, series), legend(series));
  }
}

/** Wires the date range (the last 14 days, UTC, by default) and the reload button; `names` gives a team's alias. */
export function initSpend(names: (id: string | null) => string): void {
  teamName = names;
  const today = Date.now();
  $<HTMLInputElement>('spend-to').value = isoDay(today);
  $<HTMLInputElement>('spend-from').value = isoDay(today - 13 * DAY_MS);
  $<HTMLFormElement>('spend-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void loadSpend();
  });
}
