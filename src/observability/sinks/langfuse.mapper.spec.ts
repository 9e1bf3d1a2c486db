import type { CallEvent } from '../events/call-event';
import { toLangfuseEvents } from './langfuse.mapper';
import type { LangfuseGenerationBody, LangfuseTraceBody } from './langfuse.types';

function sequentialIds() {
  let n = 0;
  return { newId: () => `id-${++n}` };
}

const base: CallEvent = {
  request_id: 'req-1',
  timestamp: '2026-01-01T00:00:00.000Z',
  route: 'chat.completions',
  model: 'gpt-4o',
  deployment_id: 'azure-eu-1',
  provider: 'azure',
  upstream_model: 'my-gpt4o',
  status: 'success',
  http_status: 200,
  response_ms: 812.4,
  time_to_first_token_ms: 95.1,
  attempts: 1,
  fallback_from: null,
  stream: true,
  usage: { prompt_tokens: 12, completion_tokens: 47, total_tokens: 59 },
  metadata: {
    generation_name: 'summarise',
    generation_id: 'gen-1',
    trace_id: 'trace-1',
    trace_user_id: 'user-1',
    session_id: 'sess-1',
    tags: ['prod', 'team-a'],
    team: 'search',
  },
  key_alias: null,
  team_id: null,
  cost: null,
  input: [{ role: 'user', content: 'hi' }],
  output: { role: 'assistant', content: 'hello' },
  error: null,
};

const map = (event: CallEvent) => {
  const [trace, generation] = toLangfuseEvents(event, sequentialIds());
  return { trace, generation, traceBody: trace.body as LangfuseTraceBody, gen: generation.body as LangfuseGenerationBody };
};

describe('toLangfuseEvents', () => {
  it('maps a call to a trace-create and a generation-create with their own envelope ids', () => {
    const { trace, generation, traceBody, gen } = map(base);
    expect(trace).toMatchObject({ type: 'trace-create', timestamp: '2026-01-01T00:00:00.812Z' });
    expect(generation).toMatchObject({ type: 'generation-create', timestamp: '2026-01-01T00:00:00.812Z' });
    expect(trace.id).not.toBe(generation.id);
    expect(traceBody).toEqual({
      id: 'trace-1',
      timestamp: '2026-01-01T00:00:00.000Z',
      name: 'summarise',
      userId: 'user-1',
      sessionId: 'sess-1',
      tags: ['prod', 'team-a'],
    });
    expect(gen).toEqual({
      id: 'gen-1',
      traceId: 'trace-1',
      name: 'summarise',
      startTime: '2026-01-01T00:00:00.000Z',
      endTime: '2026-01-01T00:00:00.812Z',
      completionStartTime: '2026-01-01T00:00:00.095Z',
      model: 'my-gpt4o',
      input: [{ role: 'user', content: 'hi' }],
      output: { role: 'assistant', content: 'hello' },
      usage: { input: 12, output: 47, total: 59, unit: 'TOKENS' },
      usageDetails: { input: 12, output: 47, total: 59 },
      level: 'DEFAULT',
      metadata: {
        team: 'search',
        request_id: 'req-1',
        route: 'chat.completions',
        model_group: 'gpt-4o',
        deployment_id: 'azure-eu-1',
        provider: 'azure',
        http_status: 200,
        attempts: 1,
        fallback_from: null,
        stream: true,
      },
    });
  });

  it.each<[string, Partial<CallEvent>, (r: ReturnType<typeof map>) => void]>([
    [
      'no trace_id / generation_id: ids made up, shared by trace and generation; content on the generation only',
      { metadata: {} },
      ({ traceBody, gen }) => {
        expect(traceBody.id).toMatch(/^id-\d+$/);
        expect(gen.traceId).toBe(traceBody.id);
        expect(gen.id).toMatch(/^id-\d+$/);
        expect(gen.id).not.toBe(traceBody.id);
        expect('input' in traceBody).toBe(false);
        expect(gen.input).toEqual(base.input);
        expect(gen.name).toBe('chat.completions');
      },
    ],
    [
      'a failed call: level ERROR with the status message, no usage',
      { status: 'failure', http_status: 429, usage: null, output: null, error: { type: 'rate_limit_error', message: 'slow down', code: null } },
      ({ gen }) => {
        expect(gen.level).toBe('ERROR');
        expect(gen.statusMessage).toBe('rate_limit_error: slow down');
        expect(gen.usage).toBeUndefined();
        expect(gen.usageDetails).toBeUndefined();
        expect(gen.metadata.error).toEqual({ type: 'rate_limit_error', message: 'slow down', code: null });
      },
    ],
    [
      'redact_content: no input or output anywhere',
      { input: undefined, output: undefined, metadata: {} },
      ({ traceBody, gen }) => {
        expect('input' in gen).toBe(false);
        expect('output' in gen).toBe(false);
        expect('input' in traceBody).toBe(false);
      },
    ],
    [
      'no first token (not a stream): no completionStartTime',
      { time_to_first_token_ms: null, stream: false },
      ({ gen }) => expect(gen.completionStartTime).toBeUndefined(),
    ],
    [
      'embeddings usage without completion tokens',
      { route: 'embeddings', usage: { prompt_tokens: 8, total_tokens: 8 } as CallEvent['usage'] },
      ({ gen }) => expect(gen.usageDetails).toEqual({ input: 8, output: 0, total: 8 }),
    ],
    [
      'no upstream model: the model name the client asked for',
      { upstream_model: null },
      ({ gen }) => expect(gen.model).toBe('gpt-4o'),
    ],
    [
      'trace_name and trace_metadata shape the trace; non-string tags are dropped',
      { metadata: { trace_id: 't', trace_name: 'my-trace', trace_metadata: { env: 'prod' }, tags: ['a', 3, 'b'] as unknown as string[] } },
      ({ traceBody }) => {
        expect(traceBody.name).toBe('my-trace');
        expect(traceBody.metadata).toEqual({ env: 'prod' });
        expect(traceBody.tags).toEqual(['a', 'b']);
      },
    ],
  ])('%s', (_name, overrides, check) => {
    const event = { ...base, ...overrides };
    if (overrides.input === undefined && 'input' in overrides) {
      delete event.input;
      delete event.output;
    }
    check(map(event));
  });

  it('gives every ingestion event a unique id across a batch', () => {
    const ids = sequentialIds();
    const events = [base, { ...base, metadata: {} }, base].flatMap((e) => toLangfuseEvents(e, ids));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});
