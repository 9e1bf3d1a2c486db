import { keyPatch, teamPatch } from './key-patch.mapper';

describe('key and team patches', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('sets only the fields given, with expiry and budget reset from durations', () => {
    expect(keyPatch({ models: ['a'], duration: '1h', budget_duration: '30d', rpm_limit: 5 }, now)).toEqual({
      models: '["a"]',
      expires: new Date('2026-01-01T01:00:00Z'),
      budget_duration: '30d',
      budget_reset_at: new Date('2026-01-31T00:00:00Z'),
      rpm_limit: 5,
    });
    expect(keyPatch({ blocked: true }, now)).toEqual({ blocked: true });
  });

  it('clears a field sent as null', () => {
    expect(keyPatch({ max_budget: null as unknown as number, duration: null as unknown as string }, now)).toEqual({ max_budget: null, expires: null });
  });

  it('patches team fields', () => {
    expect(teamPatch({ team_alias: 'x', metadata: { a: 1 } }, now)).toEqual({ team_alias: 'x', metadata: '{"a":1}' });
  });
});
