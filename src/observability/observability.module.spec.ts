import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Body, Controller, Global, INestApplication, MiddlewareConsumer, Module, NestModule, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request, Response } from 'express';
import { MockUpstream } from '../../test/support/mock-upstream.server';
import { callOf } from '../common/context/request-context';
import { RateLimitError } from '../common/errors';
import { OpenAIExceptionFilter } from '../common/filters/openai-exception.filter';
import { requestContextMiddleware } from '../common/middleware/request-context.middleware';
import { GatewayConfigService } from '../config/gateway-config.service';
import type { CallEvent } from './events/call-event';
import { CallTrackingMiddleware } from './call-tracking/call-tracking.middleware';
import { GatewayLoggerService } from './logging/gateway-logger.service';
import { ObservabilityModule } from './observability.module';
import { LOG_DESTINATION } from './observability.di-tokens';
import { CapturedLines, configFrom, waitFor } from './testing/observability-test.helpers';

/** Stands in for the lead's model-call controllers: fills the call record as they do. */
@Controller()
class FakeModelController {
  @Post('chat')
  chat(@Req() req: Request, @Body() body: { model: string }) {
    const call = callOf(req);
    Object.assign(call, { route: 'chat.completions', model: body.model, deploymentId: 'dep-1', provider: 'mock', upstreamModel: 'up-1', attempts: 1 });
    call.usage = { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 };
    call.output = { role: 'assistant', content: 'hello there' };
    return { ok: true };
  }

  @Post('fail')
  fail(@Req() req: Request) {
    Object.assign(callOf(req), { route: 'chat.completions', model: 'gpt-x', deploymentId: 'dep-1', attempts: 3 });
    throw new RateLimitError('slow down', { code: 'rate_limited' });
  }

  @Post('stream')
  stream(@Req() req: Request, @Res() res: Response) {
    const call = callOf(req);
    Object.assign(call, { route: 'chat.completions', model: 'gpt-x', deploymentId: 'dep-1', stream: true, attempts: 1, httpStatus: 200 });
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    call.firstTokenAt = performance.now();
    res.write('data: {"choices":[{"delta":{"content":"a"}}]}\n\n');
    call.usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 };
    call.output = { role: 'assistant', content: 'a' };
    res.end('data: [DONE]\n\n');
  }

  @Post('hang')
  hang(@Req() req: Request, @Res() _res: Response) {
    Object.assign(callOf(req), { route: 'chat.completions', model: 'gpt-x', stream: true });
    // never answers: the client goes away
  }
}

async function startApp(yaml: string, out: CapturedLines): Promise<{ app: INestApplication; url: string }> {
  const config = configFrom(yaml);
  @Global()
  @Module({ providers: [{ provide: GatewayConfigService, useValue: config }, { provide: LOG_DESTINATION, useValue: out }], exports: [GatewayConfigService, LOG_DESTINATION] })
  class TestConfigModule {}
  @Module({ imports: [TestConfigModule, ObservabilityModule], controllers: [FakeModelController] })
  class TestAppModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      consumer.apply(CallTrackingMiddleware).forRoutes(FakeModelController);
    }
  }

  const app = await NestFactory.create(TestAppModule, { logger: false });
  app.use(requestContextMiddleware);
  app.useGlobalFilters(new OpenAIExceptionFilter());
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

describe('ObservabilityModule with CallTrackingMiddleware (real HTTP)', () => {
  let dir: string;
  let collector: MockUpstream;
  let out: CapturedLines;
  let app: INestApplication;
  let url: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'obs-'));
    collector = new MockUpstream();
    await collector.start();
    collector.on('/hook', { json: {} });
    out = new CapturedLines();
    ({ app, url } = await startApp(
      `model_list:
  - {model_name: gpt-x, litellm_params: {model: openai/x, mock_response: hi}}
logging:
  sinks:
    - {type: stdout}
    - {type: file, path: ${join(dir, 'logs', 'requests.jsonl')}}
    - {type: webhook, url: ${collector.url}/hook, flush_interval_ms: 20}
`,
      out,
    ));
  });
  afterEach(async () => {
    await app?.close();
    await collector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const fileEvents = (): CallEvent[] =>
    readFileSync(join(dir, 'logs', 'requests.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  const stdoutEvents = () => out.lines.filter((l) => 'request_id' in l && !('level' in l)) as unknown as CallEvent[];
  const accessLines = () => out.lines.filter((l) => l.msg === 'request completed');

  it('takes metadata and messages into the event that reaches every sink, once', async () => {
    const metadata = { generation_name: 'gen', generation_id: 'g-1', trace_id: 't-1', trace_user_id: 'u-1', tags: ['a'], team: 'search' };
    const res = await post(`${url}/chat`, { model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }], metadata }, { 'x-request-id': 'req-abc' });
    expect(res.status).toBe(201);
    await waitFor(() => collector.requests.length > 0);
    await app.close(); // flushes the file and stdout sinks

    const hook = collector.requests[0].json.events as CallEvent[];
    for (const events of [hook, fileEvents(), stdoutEvents()]) {
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        request_id: 'req-abc',
        route: 'chat.completions',
        model: 'gpt-x',
        deployment_id: 'dep-1',
        status: 'success',
        http_status: 201,
        metadata,
        input: [{ role: 'user', content: 'hi' }],
        output: { role: 'assistant', content: 'hello there' },
        usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
        error: null,
      });
    }
    expect(accessLines()).toHaveLength(1);
    expect(accessLines()[0]).toMatchObject({ request_id: 'req-abc', route: 'chat.completions', model: 'gpt-x', deployment_id: 'dep-1', attempts: 1 });
  });

  it('lets errors through to the filter and records the failure', async () => {
    const res = await post(`${url}/fail`, { model: 'gpt-x', messages: [] });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ type: 'rate_limit_error', message: 'slow down' });
    await waitFor(() => collector.requests.length > 0);
    const [event] = collector.requests[0].json.events as CallEvent[];
    expect(event).toMatchObject({ status: 'failure', http_status: 429, attempts: 3, error: { type: 'rate_limit_error', message: 'slow down', code: 'rate_limited' } });
  });

  it('records a stream after it ended, with usage, output and first-token time', async () => {
    const res = await post(`${url}/stream`, { model: 'gpt-x', stream: true, messages: [] });
    expect(await res.text()).toContain('[DONE]');
    await waitFor(() => collector.requests.length > 0);
    const [event] = collector.requests[0].json.events as CallEvent[];
    expect(event).toMatchObject({ stream: true, status: 'success', usage: { total_tokens: 3 }, output: { role: 'assistant', content: 'a' } });
    expect(event.time_to_first_token_ms).toEqual(expect.any(Number));
  });

  it('records a client that went away as a 499 failure and leaves no request in flight', async () => {
    const pending = post(`${url}/hang`, { model: 'gpt-x', messages: [] }).catch(() => undefined);
    await waitFor(async () => (await scrape()).includes('gateway_requests_in_flight 1'));
    // The client going away: its socket closes before any answer.
    (app.getHttpServer() as import('node:http').Server).closeAllConnections();
    await pending;
    await waitFor(() => collector.requests.length > 0);
    const [event] = collector.requests[0].json.events as CallEvent[];
    expect(event).toMatchObject({ status: 'failure', http_status: 499, error: { code: 'client_disconnected' } });
    expect(await scrape()).toContain('gateway_requests_in_flight 0');
  });

  it('counts calls, tokens and latency in /metrics', async () => {
    await post(`${url}/chat`, { model: 'gpt-x', messages: [] });
    await post(`${url}/fail`, { model: 'gpt-x', messages: [] });
    await waitFor(async () => (await scrape()).includes('status_code="429"'));
    const text = await scrape();
    expect(text).toContain('gateway_requests_total{route="chat.completions",model="gpt-x",deployment="dep-1",status_code="201"} 1');
    expect(text).toContain('gateway_requests_total{route="chat.completions",model="gpt-x",deployment="dep-1",status_code="429"} 1');
    expect(text).toContain('gateway_tokens_input_total{model="gpt-x",deployment="dep-1"} 5');
    expect(text).toContain('gateway_tokens_output_total{model="gpt-x",deployment="dep-1"} 7');
    expect(text).toMatch(/gateway_request_duration_seconds_count\{route="chat.completions",model="gpt-x",status_code="201"\} 1/);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('serves /metrics as Prometheus text', async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await res.text()).toContain('# TYPE gateway_sink_events_dropped_total counter');
  });

  it('is the logger Nest can use', () => {
    expect(app.get(GatewayLoggerService)).toBeInstanceOf(GatewayLoggerService);
  });

  async function scrape(): Promise<string> {
    return (await fetch(`${url}/metrics`)).text();
  }
});
