import type { CallRecord } from '../../common/context/call-record';
import { BadGatewayError } from '../../common/errors';
import { buildCallEvent } from './call-event.builder';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

function record(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    requestId: 'req-1',
    startedAtEpochMs: Date.UTC(2026, 0, 1, 0, 0, 0),
    startedAt: 1000,
    route: 'chat.completions',
    model: 'gpt-4o',
    deploymentId: 'azure-eu-1',
    provider: 'azure',
    upstreamModel: 'my-gpt4o',
    stream: false,
    attempts: 1,
    fallbackFrom: null,
    usage: { prompt_tokens: 12, completion_tokens: 47, total_tokens: 59 },
    input: [{ role: 'user', content: 'hi' }],
    output: { role: 'assistant', content: 'hello' },
    metadata: { generation_name: 'g', generation_id: 'gen-1', trace_id: 'trace-1', trace_user_id: 'u-1', team: 'x' },
    httpStatus: 200,
    ...overrides,
  };
}

describe('buildCallEvent', () => {
  it('builds the SPEC 9 event of a successful call', () => {
    const event = buildCallEvent(record(), { redactContent: false, endedAt: 1812.44 });
    expect(event).toEqual({
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
      time_to_first_token_ms: null,
      attempts: 1,
      fallback_from: null,
      stream: false,
      usage: { prompt_tokens: 12, completion_tokens: 47, total_tokens: 59 },
      metadata: { generation_name: 'g', generation_id: 'gen-1', trace_id: 'trace-1', trace_user_id: 'u-1', team: 'x' },
      key_alias: null,
      team_id: null,
      cost: null,
      input: [{ role: 'user', content: 'hi' }],
      output: { role: 'assistant', content: 'hello' },
      error: null,
    });
  });

  it('marks a failed call with the OpenAI error', () => {
    const error = new BadGatewayError('provider unreachable', { code: 'upstream_unreachable' });
    const event = buildCallEvent(record({ error, httpStatus: 502, usage: undefined, output: undefined, attempts: 3 }), {
      redactContent: false,
      endedAt: 2000,
    });
    expect(event.status).toBe('failure');
    expect(event.http_status).toBe(502);
    expect(event.attempts).toBe(3);
    expect(event.error).toEqual({ type: 'api_error', message: 'provider unreachable', code: 'upstream_unreachable' });
    expect(event.usage).toBeNull();
    expect(event.output).toBeNull();
  });

  it('uses the error status when the filter set none', () => {
    const event = buildCallEvent(record({ error: new BadGatewayError('x'), httpStatus: undefined }), { redactContent: false, endedAt: 1001 });
    expect(event.http_status).toBe(502);
  });

  it('carries usage, output, first-token time and fallback of a stream', () => {
    const event = buildCallEvent(
      record({ stream: true, firstTokenAt: 1095.06, fallbackFrom: 'gpt-4o', model: 'gpt-4o-mini', output: { role: 'assistant', content: 'a b c' } }),
      { redactContent: false, endedAt: 1500 },
    );
    expect(event.stream).toBe(true);
    expect(event.time_to_first_token_ms).toBe(95.1);
    expect(event.usage).toEqual({ prompt_tokens: 12, completion_tokens: 47, total_tokens: 59 });
    expect(event.output).toEqual({ role: 'assistant', content: 'a b c' });
    expect(event.fallback_from).toBe('gpt-4o');
  });

  it('leaves input and output out with redact_content', () => {
    const event = buildCallEvent(record(), { redactContent: true, endedAt: 1100 });
    expect('input' in event).toBe(false);
    expect('output' in event).toBe(false);
    expect(event.metadata.generation_id).toBe('gen-1');
  });

  it.each([
    ['no trace_id in metadata', { generation_id: 'g' }, TRACEPARENT, TRACE_ID],
    ['an empty trace_id', { trace_id: '' }, TRACEPARENT, TRACE_ID],
    ['the caller trace_id wins', { trace_id: 'mine' }, TRACEPARENT, 'mine'],
    ['no metadata at all', undefined, TRACEPARENT, TRACE_ID],
    ['an invalid traceparent', {}, '00-zz-00f067aa0ba902b7-01', undefined],
    ['an all-zero trace id', {}, `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, undefined],
    ['version ff', {}, `ff-${TRACE_ID}-00f067aa0ba902b7-01`, undefined],
  ])('trace_id with %s', (_name, metadata, traceparent, expected) => {
    const event = buildCallEvent(record({ metadata, traceparent }), { redactContent: false, endedAt: 1001 });
    expect(event.metadata.trace_id).toBe(expected);
  });

  it('does not modify the caller metadata object', () => {
    const metadata = {};
    buildCallEvent(record({ metadata, traceparent: TRACEPARENT }), { redactContent: false, endedAt: 1001 });
    expect(metadata).toEqual({});
  });

  it('records a client that went away as a 499 failure', () => {
    const event = buildCallEvent(record({ clientAborted: true, stream: true }), { redactContent: false, endedAt: 1200 });
    expect(event.status).toBe('failure');
    expect(event.http_status).toBe(499);
    expect(event.error?.code).toBe('client_disconnected');
  });

  it('fills nulls for a call refused before routing', () => {
    const event = buildCallEvent(
      { requestId: 'r', startedAtEpochMs: 0, startedAt: 0, stream: false, attempts: 0, fallbackFrom: null, httpStatus: 400 },
      { redactContent: false, endedAt: 3 },
    );
    expect(event).toMatchObject({ route: null, model: null, deployment_id: null, status: 'failure', http_status: 400, metadata: {}, input: null });
  });
});
