import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { stringify } from 'yaml';
import { createGatewayApp } from '../../src/app.factory';
import { ConfigError } from '../../src/config/config-error';
import { loadConfigFile } from '../../src/config/config.loader';
import { MockUpstream, openAIStreamEvents } from '../support/mock-upstream.server';

/**
 * POST /admin/config/reload on the real app, started from a config file (as
 * main.ts does) so the reload re-reads that file.
 */
const MASTER = 'sk-master-reload';
const auth = { authorization: `Bearer ${MASTER}` };

describe('config reload over HTTP', () => {
  const upstream = new MockUpstream();
  const dir = mkdtempSync(join(tmpdir(), 'llmgw-reload-'));
  const file = join(dir, 'config.yaml');
  let app: NestExpressApplication;
  let url: string;

  const write = (models: object[]) =>
    writeFileSync(file, stringify({ model_list: models, router_settings: { num_retries: 0 }, general_settings: { master_key: MASTER } }));
  const stable = () => ({ model_name: 'stable', litellm_params: { model: 'openai/stable', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream-key' }, model_info: { id: 'stable-1' } });
  const mock = (name: string) => ({ model_name: name, litellm_params: { model: `openai/${name}`, mock_response: `I am ${name}` } });

  const models = async (): Promise<string[]> =>
    (await fetch(`${url}/v1/models`, { headers: auth }).then((r) => r.json() as Promise<any>)).data.map((m: { id: string }) => m.id).sort();
  const reload = () => fetch(`${url}/admin/config/reload`, { method: 'POST', headers: auth }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  const chat = async (model: string, stream = false): Promise<{ status: number; text: string }> => {
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hello' }] }),
    });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    await upstream.start();
    upstream.on((r) => r.json?.stream === true, { sse: openAIStreamEvents('a slow answer that spans the reload', 'stable'), eventDelayMs: 40 });
    upstream.on('/chat/completions', { delayMs: 20, json: { id: 'x', object: 'chat.completion', created: 1, model: 'stable', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } });
    write([stable(), mock('old-model')]);
    app = await createGatewayApp(loadConfigFile(file), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    app.getHttpServer().closeAllConnections?.();
    await app.close();
    await upstream.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('needs the master key', async () => {
    const res = await fetch(`${url}/admin/config/reload`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.type).toBe('authentication_error');
  });

  it('a valid reload changes /v1/models without failing a concurrent stream of calls', async () => {
    expect(await models()).toEqual(['old-model', 'stable']);

    // Calls keep flowing (plain and streamed) before, during and after the reload.
    // It runs until two batches that started after the reload have finished.
    let reloaded = false;
    let batchesAfter = 0;
    const results: Array<{ status: number; text: string }> = [];
    const traffic = (async () => {
      while (!(reloaded && batchesAfter >= 2)) {
        const startedAfter = reloaded;
        const batch = await Promise.all([chat('stable'), chat('stable', true), chat('stable', true), chat('stable')]);
        results.push(...batch);
        if (startedAfter) batchesAfter++;
      }
    })();
    // A stream that starts before the reload and ends after it.
    const longStream = chat('stable', true);
    await new Promise((r) => setTimeout(r, 100));

    write([stable(), mock('new-model')]);
    const { status, body } = await reload();
    reloaded = true;
    expect(status).toBe(200);
    expect(body.changes.models).toEqual({ added: ['new-model'], removed: ['old-model'], changed: [], unchanged: 1 });
    expect(JSON.stringify(body)).not.toContain('sk-upstream-key');
    expect(await models()).toEqual(['new-model', 'stable']);
    expect((await chat('new-model')).status).toBe(200);
    expect((await chat('old-model')).status).toBe(404);

    await traffic;
    const streamed = await longStream;
    expect(streamed.status).toBe(200);
    expect(streamed.text).toContain('data: [DONE]');
    expect(results.length).toBeGreaterThanOrEqual(12);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(results.filter((r) => r.text.includes('"error"'))).toEqual([]);
  });

  it('an invalid reload is refused with the start-up message (400) and the old config stays', async () => {
    const before = await models();
    writeFileSync(file, 'model_list:\n  - model_name: broken\n    litellm_params:\n      model: 42\n');
    let startupMessage = '';
    try {
      loadConfigFile(file);
    } catch (err) {
      startupMessage = (err as ConfigError).message;
    }
    expect(startupMessage).toContain('model_list[0].litellm_params.model');

    const { status, body } = await reload();
    expect(status).toBe(400);
    expect(body.error).toEqual({ message: startupMessage, type: 'invalid_request_error', param: null, code: 'invalid_config' });
    expect(await models()).toEqual(before);
    expect((await chat('stable')).status).toBe(200);

    writeFileSync(file, 'model_list: [\n');
    const yamlError = await reload();
    expect(yamlError.status).toBe(400);
    expect(yamlError.body.error.message).toMatch(/^Invalid config file .*config\.yaml: YAML syntax error/);
    expect(await models()).toEqual(before);
  });
});
