import type { NewSpendLogRow } from '../storage/database.types';

export interface DailyDelta {
  day: string;
  team_id: string;
  api_key: string;
  model: string;
  spend: number;
  prompt_tokens: number;
  completion_tokens: number;
  requests: number;
}

/** What one flush writes: the rows, and the counter increments they add up to, each list in a fixed order. */
export interface SpendBatch {
  rows: NewSpendLogRow[];
  keys: Array<[token: string, spend: number]>;
  teams: Array<[teamId: string, spend: number]>;
  daily: DailyDelta[];
}

const dayOf = (t: Date | string): string => new Date(t).toISOString().slice(0, 10);
const byId = <T>(m: Map<string, T>): Array<[string, T]> => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Adds rows up into counter increments. Sorted by id so that every replica
 * takes the row locks of a transaction in the same order and two flushes
 * can wait on each other but never deadlock.
 */
export function buildSpendBatch(rows: readonly NewSpendLogRow[]): SpendBatch {
  const keys = new Map<string, number>();
  const teams = new Map<string, number>();
  const daily = new Map<string, DailyDelta>();
  for (const row of rows) {
    const cost = row.cost ?? 0;
    if (row.api_key) keys.set(row.api_key, (keys.get(row.api_key) ?? 0) + cost);
    if (row.team_id) teams.set(row.team_id, (teams.get(row.team_id) ?? 0) + cost);
    const d = { day: dayOf(row.start_time ?? new Date()), team_id: row.team_id ?? '', api_key: row.api_key ?? '', model: row.model ?? '' };
    const id = JSON.stringify([d.day, d.team_id, d.api_key, d.model]);
    const entry = daily.get(id) ?? { ...d, spend: 0, prompt_tokens: 0, completion_tokens: 0, requests: 0 };
    entry.spend += cost;
    entry.prompt_tokens += row.prompt_tokens ?? 0;
    entry.completion_tokens += row.completion_tokens ?? 0;
    entry.requests += 1;
    daily.set(id, entry);
  }
  return { rows: [...rows], keys: byId(keys), teams: byId(teams), daily: byId(daily).map(([, d]) => d) };
}
