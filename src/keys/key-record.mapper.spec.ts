import { allowedModels, keyAnswer, toKeyRecord } from './key-record.mapper';

describe('key record mapping', () => {
  it('allows the intersection of key and team models, an empty list meaning all', () => {
    expect(allowedModels({ models: [] }, null)).toBeNull();
    expect(allowedModels({ models: [] }, { models: [] })).toBeNull();
    expect([...allowedModels({ models: ['a', 'b'] }, null)!]).toEqual(['a', 'b']);
    expect([...allowedModels({ models: [] }, { models: ['b', 'c'] })!]).toEqual(['b', 'c']);
    expect([...allowedModels({ models: ['a', 'b'] }, { models: ['b', 'c'] })!]).toEqual(['b']);
    expect([...allowedModels({ models: ['a'] }, { models: ['c'] })!]).toEqual([]);
  });

  it('answers with LiteLLM field names and ISO dates, and no key', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const record = toKeyRecord({
      token: 'f'.repeat(64), key_name: 'sk-…Ab3x', key_alias: 'svc', team_id: null, user_id: 'u', models: ['a'], max_budget: 5,
      budget_duration: '30d', budget_reset_at: null, spend: 1.25, rpm_limit: 10, tpm_limit: null, max_parallel_requests: 2,
      expires: now, blocked: false, metadata: { a: 1 }, created_at: now, updated_at: now,
    });
    const answer = keyAnswer(record);
    expect(answer).toMatchObject({ token: 'f'.repeat(64), key_alias: 'svc', expires: '2026-01-02T03:04:05.000Z', spend: 1.25, models: ['a'] });
    expect(answer).not.toHaveProperty('key');
  });
});
