import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { GatewayLoggerService } from '../../src/observability/logging/gateway-logger.service';
import { CapturedLines, waitFor } from '../../src/observability/testing/observability-test.helpers';
import { MockUpstream, RecordedRequest, ScriptedResponse } from '../support/mock-upstream.server';
import { startGateway, StartedGateway } from '../support/gateway.harness';

/** Distinct secrets, one per place the gateway can hold one; some key-shaped, some not (value masking only). */
const SECRETS = {
  master: 'sk-master-hunt-0000A1b2c3',
  openai: 'sk-openai-hunt-1111B2c3d4',
  azure: 'azure-hunt-2222C3d4e5f6',
  anthropic: 'sk-ant-hunt-3333D4e5f6g7',
  gemini: 'gemini-hunt-4444E5f6g7',
  cohere: 'cohere-hunt-5555F6g7h8',
  awsId: 'AKIAHUNT666677778888',
  awsSecret: 'hunt/Secret+Access7777Key9999abcdEFGH',
  callerApiKey: 'caller-own-hunt-8888G7h8',
  userConfigKey: 'uc-hunt-9999H8i9j0k1',
  webhookHeader: 'hook-hunt-AAAAI9j0k1l2',
};
const ALL = Object.values(SECRETS);
/** The caller's own keys: a provider can echo them only on the calls that sent them. */
const PER_CALL = [SECRETS.callerApiKey, SECRETS.userConfigKey];
/** What a careless provider writes back: every key the gateway holds, in the spellings they use. */
const ECHO = `Incorrect API key provided: ${ALL.filter((s) => !PER_CALL.includes(s)).join(', ')}. Authorization: Bearer ${SECRETS.openai} x-api-key=${SECRETS.anthropic}`;

/** The echo plus the key headers this very request carried (the caller's own key, when it sent one). */
function echoing(respond: ScriptedResponse): (req: RecordedRequest) => ScriptedResponse {
  return (req) => {
    const sent = ['authorization', 'api-key', 'x-api-key', 'x-goog-api-key'].map((h) => req.headers[h]).filter((v) => typeof v === 'string');
    return JSON.parse(JSON.stringify(respond).split('Incorrect API key provided: ').join(`Incorrect API key provided: ${sent.join(' ')} `));
  };
}

const AZURE_PATH = '/openai/deployments/az-dep/chat/completions';

const openaiError = (status: number): ScriptedResponse => ({ status, json: { error: { message: ECHO, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } });
const plain = (status: number): ScriptedResponse => ({ status, text: ECHO });
const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'hi' }, finish_reason: null }] };

/** Each case: which model, what the mock answers (on which path), whether to stream, and body extras. */
const CASES: Array<{ name: string; model: string; path: string; respond: ScriptedResponse; stream?: boolean; extra?: Record<string, unknown> }> = [
  { name: 'OpenAI JSON 401', model: 'gpt', path: '/v1/chat/completions', respond: openaiError(401) },
  { name: 'OpenAI plain-text 500', model: 'gpt', path: '/v1/chat/completions', respond: plain(500) },
  { name: 'OpenAI mid-stream error event', model: 'gpt', path: '/v1/chat/completions', stream: true, respond: { sse: [{ data: chunk }, { data: { error: { message: ECHO, type: 'server_error' } } }] } },
  { name: 'OpenAI with the caller api_key', model: 'gpt', path: '/v1/chat/completions', respond: openaiError(401), extra: { api_key: SECRETS.callerApiKey } },
  { name: 'Azure JSON 400', model: 'az', path: AZURE_PATH, respond: openaiError(400) },
  { name: 'Azure plain-text 503', model: 'az', path: AZURE_PATH, respond: plain(503) },
  { name: 'Azure mid-stream error event', model: 'az', path: AZURE_PATH, stream: true, respond: { sse: [{ data: chunk }, { data: { error: { message: ECHO, code: '500' } } }] } },
  { name: 'Anthropic JSON 401', model: 'claude', path: '/v1/messages', respond: { status: 401, json: { type: 'error', error: { type: 'authentication_error', message: ECHO } } } },
  { name: 'Anthropic plain-text 500', model: 'claude', path: '/v1/messages', respond: plain(500) },
  {
    name: 'Anthropic mid-stream error event',
    model: 'claude',
    path: '/v1/messages',
    stream: true,
    respond: {
      sse: [
        { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], stop_reason: null, usage: { input_tokens: 1, output_tokens: 0 } } } },
        { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } } },
        { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: ECHO } } },
      ],
    },
  },
  { name: 'Bedrock JSON 403', model: 'bedrock', path: '/converse', respond: { status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, json: { message: ECHO } } },
  { name: 'Bedrock plain-text 500', model: 'bedrock', path: '/converse', respond: plain(500) },
  {
    name: 'Gemini JSON 400 API_KEY_INVALID',
    model: 'gemini',
    path: ':generateContent',
    respond: { status: 400, json: { error: { code: 400, message: ECHO, status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }] } } },
  },
  { name: 'Gemini plain-text 500', model: 'gemini', path: ':generateContent', respond: plain(500) },
  {
    name: 'Gemini mid-stream error event',
    model: 'gemini',
    path: ':streamGenerateContent',
    stream: true,
    respond: { sse: [{ data: { candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] } }] } }, { data: { error: { code: 500, message: ECHO, status: 'INTERNAL' } } }] },
  },
  { name: 'Cohere JSON 401', model: 'cohere', path: '/v2/chat', respond: { status: 401, json: { message: ECHO } } },
  { name: 'Cohere plain-text 500', model: 'cohere', path: '/v2/chat', respond: plain(500) },
];

function hits(text: string): string[] {
  return ALL.filter((s) => text.includes(s) || text.includes(encodeURIComponent(s)) || text.includes(JSON.stringify(s).slice(1, -1)));
}

describe('secret hunt: planted secrets echoed by every provider shape appear in no output', () => {
  const upstream = new MockUpstream();
  const collector = new MockUpstream();
  const logs = new CapturedLines();
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, level: process.env.LOG_LEVEL };
  let dir: string;
  let file: string;
  let gw: StartedGateway;
  const answers: string[] = [];

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'info';
    process.env.AWS_ACCESS_KEY_ID = SECRETS.awsId;
    process.env.AWS_SECRET_ACCESS_KEY = SECRETS.awsSecret;
    dir = mkdtempSync(join(tmpdir(), 'secret-hunt-'));
    file = join(dir, 'events.jsonl');
    await upstream.start();
    collector.on('/hook', { json: { ok: true } });
    await collector.start();
    gw = await startGateway(
      {
        model_list: [
          { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1`, api_key: SECRETS.openai } },
          { model_name: 'az', litellm_params: { model: 'azure/az-dep', api_base: upstream.url, api_key: SECRETS.azure, api_version: '2024-10-21' } },
          { model_name: 'claude', litellm_params: { model: 'anthropic/claude-3-5-sonnet', api_base: upstream.url, api_key: SECRETS.anthropic } },
          { model_name: 'bedrock', litellm_params: { model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0', aws_bedrock_runtime_endpoint: upstream.url, aws_region_name: 'us-east-1' } },
          { model_name: 'gemini', litellm_params: { model: 'gemini/gemini-1.5-flash', api_base: upstream.url, api_key: 'os.environ/E2E_HUNT_GEMINI_KEY' } },
          { model_name: 'cohere', litellm_params: { model: 'cohere/command-r', api_base: upstream.url, api_key: SECRETS.cohere } },
        ],
        router_settings: { num_retries: 0, cooldown_time: 0 },
        general_settings: { master_key: SECRETS.master, allow_client_side_credentials: true, client_side_api_base_allowlist: ['127.0.0.1'] },
        logging: {
          sinks: [
            { type: 'file', path: file, flush_interval_ms: 20 },
            { type: 'webhook', url: `${collector.url}/hook`, headers: { 'X-Hook-Token': SECRETS.webhookHeader }, flush_interval_ms: 20 },
          ],
        },
      },
      { apiKey: SECRETS.master, env: { E2E_HUNT_GEMINI_KEY: SECRETS.gemini } },
    );
    gw.app.get(GatewayLoggerService).setDestination(logs);
  });

  afterAll(async () => {
    await gw?.close();
    await upstream.stop();
    await collector.stop();
    rmSync(dir, { recursive: true, force: true });
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  });

  async function call(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.master}`, ...headers },
      body: JSON.stringify(body),
    });
    const text = `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.text()}`;
    answers.push(text);
    return { status: res.status, text };
  }

  it.each(CASES.map((c) => [c.name, c] as const))('%s: the answer carries the provider message, masked', async (_name, c) => {
    upstream.reset();
    upstream.on(c.path, echoing(c.respond));
    const { status, text } = await call({ model: c.model, messages: [{ role: 'user', content: 'hi' }], stream: c.stream ?? false, ...c.extra });
    expect(upstream.requests.length).toBeGreaterThan(0); // the provider was really reached
    expect(status).toBeGreaterThanOrEqual(c.stream ? 200 : 400);
    expect(text).toContain('Incorrect API key provided'); // the provider's own message is kept...
    expect(hits(text)).toEqual([]); // ...without a single secret
  });

  it("a user_config deployment's own key, echoed back to the caller who sent it, is masked", async () => {
    upstream.reset();
    upstream.on('/v1/chat/completions', echoing(openaiError(401)));
    const user_config = { model_list: [{ model_name: 'mine', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1`, api_key: SECRETS.userConfigKey } }] };
    const { status, text } = await call({ model: 'mine', messages: [{ role: 'user', content: 'hi' }], user_config });
    expect(upstream.last()?.headers.authorization).toBe(`Bearer ${SECRETS.userConfigKey}`);
    expect(status).toBe(401);
    expect(hits(text)).toEqual([]);
  });

  it('a key in a URL is masked in the answer', async () => {
    const res = await fetch(`${gw.url}/key/info?key=${SECRETS.openai}`, { headers: { authorization: `Bearer ${SECRETS.master}` } });
    const text = await res.text();
    answers.push(text);
    expect(res.status).toBe(404);
    expect(hits(text)).toEqual([]);
  });

  it('no planted secret in the access log, the file sink, the webhook bodies, /admin/routes, /model/info or /metrics', async () => {
    const calls = CASES.length + 1;
    await waitFor(() => collector.requests.flatMap((r) => r.json?.events ?? []).length >= calls, 10_000);
    await waitFor(() => readFileSync(file, 'utf8').split('\n').filter(Boolean).length >= calls, 10_000);
    const auth = { headers: { authorization: `Bearer ${SECRETS.master}` } };
    const views = await Promise.all(['/admin/routes', '/model/info', '/metrics'].map((p) => fetch(`${gw.url}${p}`, auth).then((r) => r.text())));
    const outputs: Record<string, string> = {
      answers: answers.join('\n'),
      log: logs.text.join(''),
      file: readFileSync(file, 'utf8'),
      webhook: collector.requests.map((r) => r.raw.toString('utf8')).join('\n'),
      'admin/routes': views[0],
      'model/info': views[1],
      metrics: views[2],
    };
    // The outputs are real: events of failed calls with the provider's (masked) words are in them.
    expect(outputs.file).toContain('Incorrect API key provided');
    expect(outputs.webhook).toContain('Incorrect API key provided');
    expect(outputs.log).toContain('request completed');
    const found = Object.fromEntries(Object.entries(outputs).map(([name, text]) => [name, hits(text)]));
    expect(found).toEqual({ answers: [], log: [], file: [], webhook: [], 'admin/routes': [], 'model/info': [], metrics: [] });
    // The webhook itself got its header: it is configured, not lost.
    expect(collector.requests[0].headers['x-hook-token']).toBe(SECRETS.webhookHeader);
  });
});

describe('Retry-After on every 429, as the OpenAI SDK sees it', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let cooling: StartedGateway;
  let client: OpenAI;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

  const config = (router_settings: object) => ({
      model_list: [
        { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1`, api_key: 'k-openai' } },
        { model_name: 'az', litellm_params: { model: 'azure/az-dep', api_base: upstream.url, api_key: 'k-azure', api_version: '2024-10-21' } },
        { model_name: 'claude', litellm_params: { model: 'anthropic/claude-3-5-sonnet', api_base: upstream.url, api_key: 'k-anthropic' } },
        { model_name: 'bedrock', litellm_params: { model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0', aws_bedrock_runtime_endpoint: upstream.url, aws_region_name: 'us-east-1' } },
        { model_name: 'gemini', litellm_params: { model: 'gemini/gemini-1.5-flash', api_base: upstream.url, api_key: 'k-gemini' } },
        { model_name: 'cohere', litellm_params: { model: 'cohere/command-r', api_base: upstream.url, api_key: 'k-cohere' } },
      ],
      router_settings,
  });

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIARETRYAFTER000000';
    process.env.AWS_SECRET_ACCESS_KEY = 'retry-after-secret-key';
    await upstream.start();
    // No cooldown here, so each provider's hint is asked for again; `cooling` cools a deployment down for 7 s on a 429.
    gw = await startGateway(config({ num_retries: 0, cooldown_time: 0 }));
    cooling = await startGateway(config({ num_retries: 0, cooldown_time: 7, allowed_fails: 0 }));
    client = gw.client();
  });
  afterAll(async () => {
    await gw?.close();
    await cooling?.close();
    await upstream.stop();
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  });

  async function retryAfter(model: string, via = client): Promise<string | undefined> {
    const err = await via.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    return (err as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after') ?? undefined;
  }

  it.each([
    ['OpenAI, rate-window reset header', 'gpt', '/v1/chat/completions', { status: 429, headers: { 'x-ratelimit-reset-requests': '2.5s' }, json: { error: { message: 'slow', type: 'requests', code: 'rate_limit_exceeded' } } }, '3'],
    ['Azure, retry-after-ms', 'az', AZURE_PATH, { status: 429, headers: { 'retry-after-ms': '4200' }, json: { error: { message: 'slow', code: '429' } } }, '5'],
    ['Anthropic, retry-after', 'claude', '/v1/messages', { status: 429, headers: { 'retry-after': '6' }, json: { type: 'error', error: { type: 'rate_limit_error', message: 'slow' } } }, '6'],
    [
      'Gemini, RESOURCE_EXHAUSTED RetryInfo',
      'gemini',
      ':generateContent',
      { status: 429, json: { error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '9s' }] } } },
      '9',
    ],
    ['Cohere, Retry-After', 'cohere', '/v2/chat', { status: 429, headers: { 'retry-after': '4' }, json: { message: 'too many requests' } }, '4'],
  ] as const)('%s: the provider hint', async (_name, model, path, respond, expected) => {
    upstream.reset();
    upstream.on(path, respond);
    expect(await retryAfter(model)).toBe(expected);
  });

  it.each([
    ['OpenAI', 'gpt', '/v1/chat/completions', { status: 429, json: { error: { message: 'slow', type: 'requests' } } }],
    ['Anthropic', 'claude', '/v1/messages', { status: 429, json: { type: 'error', error: { type: 'rate_limit_error', message: 'slow' } } }],
    ['Bedrock ThrottlingException', 'bedrock', '/converse', { status: 429, headers: { 'x-amzn-errortype': 'ThrottlingException' }, json: { message: 'Too many requests' } }],
    ['Gemini RESOURCE_EXHAUSTED without details', 'gemini', ':generateContent', { status: 429, json: { error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } } }],
    ['Cohere', 'cohere', '/v2/chat', { status: 429, json: { message: 'too many requests' } }],
  ] as const)('%s without a hint: the cooldown as the estimate', async (_name, model, path, respond) => {
    upstream.reset();
    upstream.on(path, respond);
    const value = await retryAfter(model, cooling.client());
    // The deployment cools down for 7 s after this 429: the caller is told about as long (whole seconds).
    expect(Number(value)).toBeGreaterThanOrEqual(6);
    expect(Number(value)).toBeLessThanOrEqual(7);
    expect(value).toMatch(/^\d+$/);
  });

  it("Cohere's `too many tokens` is a 400 context_length_exceeded", async () => {
    upstream.reset();
    upstream.on('/v2/chat', { status: 400, json: { message: 'too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 5227' } });
    const err = await client.chat.completions.create({ model: 'cohere', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('context_length_exceeded');
  });
});
