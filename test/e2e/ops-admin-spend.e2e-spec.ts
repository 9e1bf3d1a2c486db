import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SpendWriterService } from '../../src/spend/spend-writer.service';
import { MockUpstream } from '../support/mock-upstream.server';
import { startGateway, type StartedGateway } from '../support/gateway.harness';
import { createPostgresDatabase, type TestDatabase } from '../support/test-database';

/**
 * The admin page's spend chart and key panel in a real headless Chromium
 * (Debian's /usr/bin/chromium, as in ops-admin-page), against PostgreSQL:
 * calls made through two keys in two teams on two priced models show up as
 * bars per day, by team and by model, with the totals the prices give; a key
 * created in the page and blocked there stops working. Skipped, with the
 * reason in its name, when /usr/bin/chromium is absent.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const describeBrowser = hasChromium ? describe : describe.skip;
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

const MASTER = 'sk-master-spend-4c1e7b';
const UPSTREAM_KEY = 'sk-upstream-spend-8d20aa';
/** USD per token, set on the deployments: the chart must show what these give. */
const PRICES = {
  'alpha-chat': { input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 },
  'beta-chat': { input_cost_per_token: 0.000003, output_cost_per_token: 0.00001 },
} as const;
type Model = keyof typeof PRICES;

if (!hasChromium) process.stderr.write(`ops-admin-spend: SKIPPED, ${CHROMIUM} is missing (run scripts/install-test-deps.sh as root)\n`);

describeBrowser(`admin page spend chart and keys in headless Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} missing)`}`, () => {
  const upstream = new MockUpstream();
  let db: TestDatabase;
  let gw: StartedGateway;
  let browser: Browser;
  const secrets: string[] = [MASTER, UPSTREAM_KEY];

  const admin = async (path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${gw.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return res.json();
  };
  const sdk = (key: string) => new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: key, maxRetries: 0 });
  /** One call; its price from the usage the client received. */
  const call = async (key: string, model: Model): Promise<number> => {
    const res = await sdk(key).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
    const usage = res.usage!;
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    return usage.prompt_tokens * PRICES[model].input_cost_per_token + usage.completion_tokens * PRICES[model].output_cost_per_token;
  };
  const status = (key: string) =>
    sdk(key)
      .chat.completions.create({ model: 'alpha-chat', messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => ({ status: 200, code: null as string | null }),
        (e: any) => ({ status: e.status as number, code: (e.code ?? null) as string | null }),
      );

  /** What the calls cost, by team alias and by model. */
  const expected = {
    teams: { search: 0, billing: 0 } as Record<string, number>,
    models: { 'alpha-chat': 0, 'beta-chat': 0 } as Record<string, number>,
    requests: 0,
  };
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    await upstream.start();
    db = await createPostgresDatabase('admin_spend');
    gw = await startGateway(
      {
        model_list: (Object.keys(PRICES) as Model[]).map((name) => ({
          model_name: name,
          litellm_params: { model: `openai/${name}-up`, api_base: `${upstream.url}/v1`, api_key: 'os.environ/UPSTREAM_KEY', ...PRICES[name] },
          model_info: { id: `${name}-1` },
        })),
        general_settings: { master_key: MASTER, ...db.settings },
      },
      { apiKey: MASTER, env: { UPSTREAM_KEY } },
    );
    const search = await admin('/team/new', { team_alias: 'search' });
    const billing = await admin('/team/new', { team_alias: 'billing', max_budget: 10 });
    const keyA = (await admin('/key/generate', { key_alias: 'search-svc', team_id: search.team_id })).key as string;
    const keyB = (await admin('/key/generate', { key_alias: 'billing-svc', team_id: billing.team_id })).key as string;
    secrets.push(keyA, keyB);
    const plan: Array<[string, 'search' | 'billing', Model]> = [
      [keyA, 'search', 'alpha-chat'],
      [keyA, 'search', 'alpha-chat'],
      [keyA, 'search', 'beta-chat'],
      [keyB, 'billing', 'beta-chat'],
      [keyB, 'billing', 'beta-chat'],
      [keyB, 'billing', 'alpha-chat'],
      [keyB, 'billing', 'beta-chat'],
    ];
    for (const [key, team, model] of plan) {
      const cost = await call(key, model);
      expected.teams[team] += cost;
      expected.models[model] += cost;
      expected.requests++;
    }
    // Spend is written in batches every second; write this batch now rather than wait for it.
    await gw.app.get(SpendWriterService).flush();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await db?.drop();
    await upstream.stop();
  });

  async function openPage(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${MASTER}` } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const res = await page.goto(`${gw.url}/admin`);
    expect(res?.status()).toBe(200);
    return { page, errors, close: () => context.close() };
  }

  const attr = (page: Page, selector: string, name: string) =>
    page
      .locator(selector)
      .getAttribute(name)
      .then((v) => Number(v));

  it('draws spend per day by team and by model, with the totals the prices give', async () => {
    // The API the chart reads agrees with the prices.
    const report = await admin(`/spend/report?group_by=team&start_date=${today}&end_date=${today}`);
    expect(report).toHaveLength(1);
    expect(report[0].teams.reduce((s: number, t: any) => s + t.total_spend, 0)).toBeCloseTo(expected.teams.search + expected.teams.billing, 12);

    const { page, errors, close } = await openPage();
    await page.waitForSelector('svg[data-group="team"] rect.bar');
    await page.waitForSelector('svg[data-group="model"] rect.bar');

    // Legend: one entry per team and per model, with its total and request count.
    expect(await page.locator('#spend-team-chart li[data-series]').count()).toBe(2);
    expect(await page.locator('#spend-model-chart li[data-series]').count()).toBe(2);
    for (const [team, total] of Object.entries(expected.teams)) {
      expect(total).toBeGreaterThan(0);
      expect(await attr(page, `#spend-team-chart li[data-series="${team}"]`, 'data-total')).toBeCloseTo(total, 12);
      // Today's bar segment for the team carries the same spend, and says so in its tooltip.
      const bar = page.locator(`svg[data-group="team"] rect.bar[data-series="${team}"][data-day="${today}"]`);
      expect(await bar.count()).toBe(1);
      expect(Number(await bar.getAttribute('data-spend'))).toBeCloseTo(total, 12);
      expect(await bar.locator('title').textContent()).toContain(`${today} · ${team}: $`);
    }
    expect(await attr(page, '#spend-team-chart li[data-series="search"]', 'data-requests')).toBe(3);
    expect(await attr(page, '#spend-team-chart li[data-series="billing"]', 'data-requests')).toBe(4);
    for (const [model, total] of Object.entries(expected.models)) {
      expect(await attr(page, `#spend-model-chart li[data-series="${model}"]`, 'data-total')).toBeCloseTo(total, 12);
      const bar = page.locator(`svg[data-group="model"] rect.bar[data-series="${model}"][data-day="${today}"]`);
      expect(Number(await bar.getAttribute('data-spend'))).toBeCloseTo(total, 12);
      expect(Number(await bar.getAttribute('height'))).toBeGreaterThan(0);
    }
    // beta-chat cost more than alpha-chat, so its segment is the taller one.
    const height = (model: Model) => page.locator(`svg[data-group="model"] rect.bar[data-series="${model}"]`).getAttribute('height').then(Number);
    expect(await height('beta-chat')).toBeGreaterThan(await height('alpha-chat'));
    expect(await attr(page, '#spend-total', 'data-total')).toBeCloseTo(expected.teams.search + expected.teams.billing, 12);
    expect(await page.textContent('#spend-total')).toContain(`${expected.requests} requests`);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('#spend-panel').screenshot({ path: join(ARTIFACTS, 'admin-spend.png') });

    // A range with no calls: the charts say so.
    await page.fill('#spend-from', '2020-01-01');
    await page.fill('#spend-to', '2020-01-07');
    await page.click('#spend-form button[type=submit]');
    await page.waitForSelector('#spend-team-chart p.dim');
    expect(await page.textContent('#spend-team-chart')).toContain('No spend recorded');
    expect(await page.locator('svg[data-group] rect.bar').count()).toBe(0);

    expect(errors).toEqual([]);
    await close();
  }, 60_000);

  it('creates a key in a team and blocks it from the page; neither the page nor its scripts hold a key', async () => {
    const { page, errors, close } = await openPage();
    await page.waitForSelector('#keys-table tr[data-key]');
    expect(await page.locator('#teams-table tr[data-team]').count()).toBe(2);
    expect(await page.locator('#teams-table tr', { hasText: 'billing' }).innerText()).toContain('/ $10');

    await page.fill('#key-alias', 'ui-made');
    await page.selectOption('#key-team', { label: 'billing' });
    await page.fill('#key-models', 'beta-chat');
    await page.click('#key-form button[type=submit]');
    await page.waitForSelector('#new-key:not([hidden])');
    const key = (await page.textContent('#new-key-value'))!;
    expect(key).toMatch(/^sk-[A-Za-z0-9_-]{32,}$/);
    secrets.push(key);
    const row = page.locator('#keys-table tr', { hasText: 'ui-made' });
    await row.waitFor();
    expect(await row.innerText()).toContain(`sk-…${key.slice(-4)}`);
    expect(await row.innerText()).toContain('billing');
    expect(await row.innerText()).toContain('beta-chat');
    // The key works, for the model it was given only.
    expect(await sdk(key).chat.completions.create({ model: 'beta-chat', messages: [{ role: 'user', content: 'hi' }] })).toHaveProperty('choices');
    expect((await status(key)).status).toBe(403);
    await page.click('#new-key-hide');
    await gw.app.get(SpendWriterService).flush();

    // Blocking reloads the lists, and the spend chart after them.
    await row.locator('button[data-action=block]').click();
    await row.locator('.pill', { hasText: 'blocked' }).waitFor();
    const info = await admin(`/key/info?key=${encodeURIComponent(key)}`);
    expect(info.info.blocked).toBe(true);
    const blocked = await sdk(key)
      .chat.completions.create({ model: 'beta-chat', messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => ({ status: 200, code: null }),
        (e: any) => ({ status: e.status, code: e.code }),
      );
    expect(blocked).toEqual({ status: 401, code: 'key_blocked' });

    // The chart followed the call the new key made: billing now has 5 requests.
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('#spend-team-chart li[data-series="billing"]')?.getAttribute('data-requests') === '5',
      null,
      {
        timeout: 20_000,
      },
    );

    // No key anywhere: not in the page after the new-key box was dismissed, not in any script it loads.
    const html = await page.content();
    const text = await page.evaluate(() => (globalThis as any).document.body.innerText as string);
    for (const secret of secrets) {
      expect(html).not.toContain(secret);
      expect(text).not.toContain(secret);
    }
    const scripts = await page.evaluate(() => (globalThis as any).performance.getEntriesByType('resource').map((e: any) => e.name as string));
    const served = scripts.filter((u: string) => u.includes('/admin/assets/'));
    expect(served.map((u: string) => new URL(u).pathname).sort()).toEqual([
      '/admin/assets/admin.js',
      '/admin/assets/api.js',
      '/admin/assets/dom.js',
      '/admin/assets/keys.js',
      '/admin/assets/spend-chart.js',
    ]);
    for (const url of served) {
      const res = await fetch(url); // no key: the scripts are public and hold nothing secret
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      const body = await res.text();
      expect(body).not.toMatch(/sk-[A-Za-z0-9]/);
      for (const secret of secrets) expect(body).not.toContain(secret);
    }
    expect((await fetch(`${gw.url}/admin/assets/..%2Fadmin-page.view.js`)).status).toBe(404);
    expect(errors).toEqual([]);
    await close();
  }, 60_000);
});
