import type { NewSpendLogRow } from '../storage/database.types';
import { buildSpendBatch } from './spend-batch';

const row = (over: Partial<NewSpendLogRow>): NewSpendLogRow => ({
  request_id: Math.random().toString(36),
  api_key: 'k1',
  key_alias: null,
  team_id: null,
  user_id: null,
  model: 'm',
  deployment_id: null,
  provider: null,
  route: 'chat.completions',
  prompt_tokens: 1,
  completion_tokens: 2,
  total_tokens: 3,
  cost: 0.5,
  status: 'success',
  start_time: '2026-01-02T23:59:59.000Z',
  end_time: '2026-01-03T00:00:01.000Z',
  tags: [],
  ...over,
});

describe('buildSpendBatch', () => {
  it('adds costs per key and team, in id order', () => {
    const batch = buildSpendBatch([
      row({ api_key: 'kb', team_id: 't2', cost: 1 }),
      row({ api_key: 'ka', team_id: 't1', cost: 2 }),
      row({ api_key: 'kb', team_id: 't1', cost: 3 }),
    ]);
    expect(batch.keys).toEqual([['ka', 2], ['kb', 4]]);
    expect(batch.teams).toEqual([['t1', 5], ['t2', 1]]);
  });

  it('counts an unpriced row as a request with no spend', () => {
    const batch = buildSpendBatch([row({ cost: null })]);
    expect(batch.keys).toEqual([['k1', 0]]);
    expect(batch.daily).toEqual([{ day: '2026-01-02', team_id: '', api_key: 'k1', model: 'm', spend: 0, prompt_tokens: 1, completion_tokens: 2, requests: 1 }]);
  });

  it('rolls up per UTC day of the start time, team, key and model', () => {
    const batch = buildSpendBatch([
      row({ model: 'a' }),
      row({ model: 'a', start_time: '2026-01-02T01:00:00.000Z' }),
      row({ model: 'b' }),
      row({ model: 'a', start_time: '2026-01-03T00:00:00.000Z' }),
    ]);
    expect(batch.daily.map((d) => [d.day, d.model, d.requests, d.spend])).toEqual([
      ['2026-01-02', 'a', 2, 1],
      ['2026-01-02', 'b', 1, 0.5],
      ['2026-01-03', 'a', 1, 0.5],
    ]);
  });
});
