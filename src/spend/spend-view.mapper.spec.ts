import { toSpendLogView, toSpendReport } from './spend-view.mapper';
import type { DailySpendFigure } from './spend-query.repository';

const fig = (over: Partial<DailySpendFigure>): DailySpendFigure => ({
  day: '2026-01-01',
  team_id: 't1',
  api_key: 'k1',
  model: 'gpt-4o',
  spend: 1,
  prompt_tokens: 10,
  completion_tokens: 5,
  requests: 2,
  ...over,
});

describe('toSpendReport', () => {
  it('groups per day and team, with a per-model breakdown', () => {
    const report = toSpendReport([fig({}), fig({ api_key: 'k2', spend: 2 }), fig({ model: 'm2', spend: 0.5 }), fig({ day: '2026-01-02', team_id: '' })], 'team');
    expect(report).toEqual([
      {
        group_by_day: '2026-01-01',
        teams: [
          {
            team_id: 't1',
            total_spend: 3.5,
            total_prompt_tokens: 30,
            total_completion_tokens: 15,
            total_tokens: 45,
            requests: 6,
            metadata: [
              { model: 'gpt-4o', spend: 3, total_tokens: 30, requests: 4 },
              { model: 'm2', spend: 0.5, total_tokens: 15, requests: 2 },
            ],
          },
        ],
      },
      { group_by_day: '2026-01-02', teams: [expect.objectContaining({ team_id: null, total_spend: 1 })] },
    ]);
  });

  it.each([
    ['key', 'api_keys', 'api_key'],
    ['model', 'models', 'model'],
  ] as const)('group_by %s lists %s', (groupBy, list, field) => {
    const [day] = toSpendReport([fig({}), fig({ api_key: 'k2', model: 'm2' })], groupBy);
    expect((day[list] as Array<Record<string, unknown>>).map((g) => g[field])).toHaveLength(2);
  });
});

describe('toSpendLogView', () => {
  it('uses LiteLLM field names and keeps an unpriced spend null', () => {
    const view = toSpendLogView({
      request_id: 'r',
      api_key: 'tok',
      key_alias: 'a',
      team_id: null,
      user_id: null,
      model: 'm',
      deployment_id: 'd',
      provider: 'openai',
      route: 'chat.completions',
      prompt_tokens: 1,
      completion_tokens: 2,
      total_tokens: 3,
      cost: null,
      status: 'success',
      start_time: new Date(0),
      end_time: new Date(1000),
      tags: ['x'],
    });
    expect(view).toMatchObject({ request_id: 'r', api_key: 'tok', spend: null, model_id: 'd', startTime: '1970-01-01T00:00:00.000Z', request_tags: ['x'] });
  });
});
