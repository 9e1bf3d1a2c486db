import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { MockUpstream } from '../support/mock-upstream.server';
import { startGateway, type StartedGateway } from '../support/gateway.harness';

/**
 * GET /admin in a real headless Chromium (Debian's, installed by
 * scripts/install-test-deps.sh). Skipped, with the reason in its name, when
 * /usr/bin/chromium is absent.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
// Callbacks passed to page.evaluate run in the browser; the project compiles without the DOM lib, hence `(globalThis as any).document`.
const describeBrowser = hasChromium ? describe : describe.skip;
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

const MASTER = 'sk-master-page-7f3a9c';
const UPSTREAM_KEY = 'sk-upstream-secret-51d2e0';
const QUERY_SECRET = 'query-secret-9b8c7d';
const EVIL_MODEL = '<img src=x onerror="window.__pwned=1">';

if (!hasChromium) {
  process.stderr.write(`ops-admin-page: SKIPPED, ${CHROMIUM} is missing (run scripts/install-test-deps.sh as root to install Debian's chromium)\n`);
}

describeBrowser(`admin page in headless Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} missing)`}`, () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let browser: Browser;
  const databasePath = mkdtempSync(join(tmpdir(), 'gw-admin-page-'));

  const chat = (model: string) =>
    fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    }).then((r) => r.status);

  beforeAll(async () => {
    await upstream.start();
    upstream.on((r) => r.json?.model === 'gpt-4o-us', { status: 500, json: { error: { message: 'upstream broke', type: 'server_error' } } });
    gw = await startGateway(
      {
        model_list: [
          {
            model_name: 'gpt-4o',
            litellm_params: { model: 'openai/gpt-4o-eu', api_base: `${upstream.url}/v1`, api_key: 'os.environ/UPSTREAM_KEY', rpm: 600, tpm: 200000, weight: 2 },
            model_info: { id: 'azure-eu-1' },
          },
          {
            model_name: 'gpt-4o',
            litellm_params: { model: 'openai/gpt-4o-us', api_base: `${upstream.url}/v1?key=${QUERY_SECRET}`, api_key: 'os.environ/UPSTREAM_KEY', weight: 1 },
            model_info: { id: 'azure-us-1' },
          },
          { model_name: 'gpt-4o-mini', litellm_params: { model: 'openai/gpt-4o-mini', mock_response: 'Hi', rpm: 100 }, model_info: { id: 'mini-mock' } },
          { model_name: EVIL_MODEL, litellm_params: { model: 'openai/x', mock_response: 'x' }, model_info: { id: 'evil-1' } },
        ],
        router_settings: { allowed_fails: 0, cooldown_time: 120, num_retries: 1, fallbacks: [{ 'gpt-4o': ['gpt-4o-mini'] }], context_window_fallbacks: [{ 'gpt-4o-mini': ['gpt-4o'] }] },
        general_settings: { master_key: MASTER, database_path: databasePath },
      },
      { apiKey: MASTER, env: { UPSTREAM_KEY } },
    );
    // Traffic, until the failing deployment has cooled down (shuffle decides which one is tried first).
    for (let i = 0; i < 20; i++) {
      expect(await chat('gpt-4o')).toBe(200);
      const routes = await fetch(`${gw.url}/admin/routes`, { headers: { authorization: `Bearer ${MASTER}` } }).then((r) => r.json() as Promise<any>);
      const us = routes.models.find((m: any) => m.model_name === 'gpt-4o').deployments.find((d: any) => d.id === 'azure-us-1');
      if (us.cooldown.active) break;
    }
    // Open the embedded key store now (seconds of CPU on first use), not while the page's live numbers are timed.
    expect((await fetch(`${gw.url}/team/list`, { headers: { authorization: `Bearer ${MASTER}` } })).status).toBe(200);
    await chat('gpt-4o-mini');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await upstream.stop();
    rmSync(databasePath, { recursive: true, force: true });
  });

  async function expectNoSecret(page: Page) {
    const html = await page.content();
    const text = await page.evaluate(() => (globalThis as any).document.body.innerText as string);
    for (const secret of [MASTER, UPSTREAM_KEY, QUERY_SECRET]) {
      expect(html).not.toContain(secret);
      expect(text).not.toContain(secret);
    }
  }

  it('signs in with the master key, shows every deployment live, explains a request, and holds no secret', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // The 401 of the wrong key and the 404 of the unknown model are expected answers, not page errors.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });

    const res = await page.goto(`${gw.url}/admin`);
    expect(res?.status()).toBe(200);
    await expectNoSecret(page);
    await page.waitForSelector('#login-key', { state: 'visible' });
    expect(await page.locator('#app').isVisible()).toBe(false);
    expect(await page.locator('[data-deployment]').count()).toBe(0);

    // A wrong key is refused and nothing is shown.
    await page.fill('#login-key', 'sk-wrong');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-error', { state: 'visible' });
    expect(await page.textContent('#login-error')).toContain('refused');

    await page.fill('#login-key', MASTER);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#app', { state: 'visible' });
    expect(await page.inputValue('#login-key')).toBe('');

    for (const id of ['azure-eu-1', 'azure-us-1', 'mini-mock', 'evil-1']) {
      await page.waitForSelector(`tr[data-deployment="${id}"]`);
    }
    const eu = page.locator('tr[data-deployment="azure-eu-1"]');
    expect(await eu.innerText()).toContain('openai');
    expect(await eu.innerText()).toContain('gpt-4o-eu');
    expect(await eu.innerText()).toContain(`${upstream.url}/v1`);
    expect(await eu.innerText()).toMatch(/\/ 600/); // rpm use against the limit
    const us = page.locator('tr[data-deployment="azure-us-1"]');
    await page.waitForFunction(() => /cooling down · \d+ s/.test((globalThis as any).document.querySelector('tr[data-deployment="azure-us-1"] .countdown')?.textContent ?? ''));
    expect(await us.innerText()).not.toContain(QUERY_SECRET);

    // Fallback chains are listed with the model.
    const gpt4o = page.locator('section[data-model="gpt-4o"]');
    expect(await gpt4o.locator('.fallbacks').innerText()).toContain('gpt-4o-mini');

    // A model name with markup is shown as text, never run.
    const evil = page.locator('section.model', { has: page.locator('tr[data-deployment="evil-1"]') });
    expect(await evil.locator('h3').innerText()).toBe(EVIL_MODEL);
    expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
    expect(await page.locator('#models img').count()).toBe(0);

    // Explain: the cooling-down deployment is dropped with its reason, the other is picked.
    await page.fill('#explain-model', 'gpt-4o');
    await page.fill('#explain-message', 'What is the weather?');
    await page.click('#explain-form button[type=submit]');
    await page.waitForSelector('#explain-result .verdict');
    expect(await page.textContent('#explain-result .verdict')).toContain('azure-eu-1');
    const dropped = page.locator('#explain-result tr[data-candidate="azure-us-1"]');
    expect(await dropped.innerText()).toMatch(/dropped: cooldown/);
    expect(await dropped.innerText()).toMatch(/cooling down until/);
    expect(await page.locator('#explain-result tr[data-candidate="azure-eu-1"]').innerText()).toContain('picked');
    expect(await page.textContent('#explain-result .fallbacks')).toContain('gpt-4o-mini');

    // An unknown model shows the API's error.
    await page.fill('#explain-model', 'no-such-model');
    await page.click('#explain-form button[type=submit]');
    await page.waitForSelector('#explain-result .error');
    expect(await page.textContent('#explain-result .error')).toContain('does not exist');
    await page.fill('#explain-model', 'gpt-4o');
    await page.click('#explain-form button[type=submit]');
    await page.waitForSelector('#explain-result .verdict');

    // Live: new traffic shows up without a reload.
    const before = await page.locator('tr[data-deployment="mini-mock"]').innerText();
    expect(before).toMatch(/1 \/ 100/);
    await chat('gpt-4o-mini');
    await page.waitForFunction(() => /2 \/ 100/.test((globalThis as any).document.querySelector('tr[data-deployment="mini-mock"]')?.innerText ?? ''));

    await expectNoSecret(page);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'admin.png'), fullPage: true });
    expect(errors).toEqual([]);

    // Sign out forgets the key.
    await page.click('#signout');
    await page.waitForSelector('#login-key', { state: 'visible' });
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.length)).toBe(0);
    await page.close();
  }, 60_000);

  it('opens straight to the data with an Authorization header (a proxy adding the key), and refuses a wrong one', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${MASTER}` } });
    const page = await context.newPage();
    const res = await page.goto(`${gw.url}/admin`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
    await page.waitForSelector('tr[data-deployment="azure-eu-1"]');
    expect(await page.locator('#login').isVisible()).toBe(false);
    await expectNoSecret(page);
    await context.close();

    const wrong = await browser.newContext({ extraHTTPHeaders: { authorization: 'Bearer sk-nope' } });
    const page2 = await wrong.newPage();
    const res2 = await page2.goto(`${gw.url}/admin`);
    expect(res2?.status()).toBe(401);
    expect(await page2.locator('[data-deployment]').count()).toBe(0);
    expect(await page2.content()).not.toContain('azure-eu-1');
    await wrong.close();
  }, 30_000);

  it('manages teams and keys: create, block, regenerate, delete; a key is shown once', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${MASTER}` } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${gw.url}/admin`);
    await page.waitForSelector('#keys-table tbody tr');

    await page.fill('#team-alias', 'search');
    await page.fill('#team-models', 'gpt-4o-mini');
    await page.fill('#team-budget', '25');
    await page.click('#team-form button[type=submit]');
    const teamRow = page.locator('#teams-table tr', { hasText: 'search' });
    await teamRow.waitFor();
    expect(await teamRow.innerText()).toContain('$0 / $25');

    await page.fill('#key-alias', 'search-svc');
    await page.selectOption('#key-team', { label: 'search' });
    await page.fill('#key-budget', '5');
    await page.fill('#key-duration', '30d');
    await page.click('#key-form button[type=submit]');
    await page.waitForSelector('#new-key:not([hidden])');
    const key = (await page.textContent('#new-key-value'))!;
    expect(key).toMatch(/^sk-[A-Za-z0-9_-]{32,}$/);
    const keyRow = () => page.locator('#keys-table tr', { hasText: 'search-svc' });
    await keyRow().waitFor();
    const rowText = await keyRow().innerText();
    expect(rowText).toContain(`sk-…${key.slice(-4)}`);
    expect(rowText).toContain('search');
    expect(rowText).toContain('$0 / $5');
    expect(rowText).toContain('active');
    expect(rowText).not.toContain(key);

    const call = (k: string, model = 'gpt-4o-mini') =>
      new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: k, maxRetries: 0 }).chat.completions
        .create({ model, messages: [{ role: 'user', content: 'hi' }] })
        .then(() => 200, (e) => e.status);
    expect(await call(key)).toBe(200);
    expect(await call(key, 'gpt-4o')).toBe(403); // the team allows gpt-4o-mini only

    await page.click('#new-key-hide');
    expect(await page.content()).not.toContain(key);

    await keyRow().locator('button[data-action=block]').click();
    await keyRow().locator('.pill', { hasText: 'blocked' }).waitFor();
    expect(await call(key)).toBe(401);
    await keyRow().locator('button[data-action=unblock]').click();
    await keyRow().locator('.pill', { hasText: 'active' }).waitFor();
    expect(await call(key)).toBe(200);

    await keyRow().locator('button[data-action=regenerate]').click();
    await page.waitForSelector('#new-key:not([hidden])');
    const fresh = (await page.textContent('#new-key-value'))!;
    expect(fresh).not.toBe(key);
    expect(await call(key)).toBe(401);
    expect(await call(fresh)).toBe(200);
    await page.click('#new-key-hide');

    await keyRow().locator('button[data-action=delete]').click();
    await keyRow().waitFor({ state: 'detached' });
    expect(await call(fresh)).toBe(401);

    const html = await page.content();
    for (const secret of [key, fresh, MASTER]) expect(html).not.toContain(secret);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
