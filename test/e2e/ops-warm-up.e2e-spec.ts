import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { warmUpBeforeReady } from '../../src/lifecycle/warm-up/warm-up';
import { startGateway, type StartedGateway } from '../support/gateway.harness';
import { MockUpstream } from '../support/mock-upstream.server';

/** main.ts runs the warm-up after listen; the harness does not, so this suite starts it as main.ts does. */
describe('warm before ready (general_settings.warmup_requests)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let file: string;
  beforeAll(async () => {
    await upstream.start();
    file = join(mkdtempSync(join(tmpdir(), 'warm-up-')), 'requests.jsonl');
    gw = await startGateway(
      {
        model_list: [{ model_name: 'm', litellm_params: { model: 'openai/m', api_base: `${upstream.url}/v1`, api_key: 'sk-up' } }],
        general_settings: { master_key: 'sk-master', warmup_requests: 60 },
        logging: { sinks: [{ type: 'file', path: file, flush_interval_ms: 20 }] },
      },
      { apiKey: 'sk-master' },
    );
  });
  afterAll(async () => {
    await gw?.close();
    await upstream.stop();
  });

  it('answers readiness 503 while warming up and 200 after, with no sink event, metric or upstream call left behind', async () => {
    const warming = warmUpBeforeReady(gw.app, gw.config, (err) => {
      throw err;
    });
    const during = await fetch(`${gw.url}/health/readiness`);
    expect(during.status).toBe(503);
    const report = (await during.json()) as { error: Record<string, { status: string }> };
    expect(report.error.warm_up.status).toBe('down');

    await warming;
    const after = await fetch(`${gw.url}/health/readiness`);
    expect(after.status).toBe(200);

    await new Promise((r) => setTimeout(r, 100)); // past the file sink's flush interval
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '').toBe('');
    expect(upstream.requests).toHaveLength(0);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).not.toMatch(/^gateway_requests_total\{/m);
    expect(metrics).not.toContain('warmup');

    // The gateway itself still serves and counts calls after the warm-up.
    await gw.client().chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(await (await fetch(`${gw.url}/metrics`)).text()).toMatch(/^gateway_requests_total\{route="chat.completions",model="m"/m);
  });
});
