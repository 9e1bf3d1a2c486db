import type { CallRecord } from '../common/context/call-record';
import { RateLimitError } from '../common/errors';
import type { VirtualKeyRecord } from '../keys/keys.types';
import { toSpendRow } from './spend-row.mapper';

const key = { token: 'abc', key_alias: 'svc', team_id: 't1', user_id: 'u1' } as VirtualKeyRecord;
const call = (over: Partial<CallRecord> = {}): CallRecord => ({
  requestId: 'r1',
  startedAtEpochMs: Date.parse('2026-01-01T00:00:00Z'),
  startedAt: 0,
  stream: false,
  attempts: 1,
  fallbackFrom: null,
  caller: { kind: 'virtual', key, team: null },
  model: 'gpt-4o',
  route: 'chat.completions',
  deploymentId: 'd1',
  provider: 'openai',
  ...over,
});

describe('toSpendRow', () => {
  it('maps a priced call', () => {
    const row = toSpendRow(call({ usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 }, cost: 0.25, metadata: { tags: ['a', 1, 'b'] } }), Date.parse('2026-01-01T00:00:02Z'));
    expect(row).toEqual({
      request_id: 'r1',
      api_key: 'abc',
      key_alias: 'svc',
      team_id: 't1',
      user_id: 'u1',
      model: 'gpt-4o',
      deployment_id: 'd1',
      provider: 'openai',
      route: 'chat.completions',
      prompt_tokens: 3,
      completion_tokens: 4,
      total_tokens: 7,
      cost: 0.25,
      status: 'success',
      start_time: '2026-01-01T00:00:00.000Z',
      end_time: '2026-01-01T00:00:02.000Z',
      tags: '["a","b"]',
    });
  });

  it('keeps an unpriced call with usage at null, never 0', () => {
    expect(toSpendRow(call({ usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }, cost: null }), 0)?.cost).toBeNull();
    expect(toSpendRow(call({ usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }), 0)?.cost).toBeNull();
  });

  it('a call refused before any usage cost 0 and failed', () => {
    const row = toSpendRow(call({ error: new RateLimitError('x'), httpStatus: 429 }), 0);
    expect(row).toMatchObject({ cost: 0, status: 'failure', prompt_tokens: 0 });
  });

  it('writes no row for the master key', () => {
    expect(toSpendRow(call({ caller: { kind: 'master' } }), 0)).toBeUndefined();
  });
});
