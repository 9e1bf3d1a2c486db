import type { SpendLogRow } from '../storage/database.types';
import type { ReportGroup } from './dto/spend-report-query.dto';
import type { DailySpendFigure } from './spend-query.repository';

/** A spend row as LiteLLM's /spend/logs names its fields (`api_key` is the token, never the key). */
export function toSpendLogView(row: SpendLogRow) {
  return {
    request_id: row.request_id,
    call_type: row.route,
    api_key: row.api_key,
    key_alias: row.key_alias,
    team_id: row.team_id,
    user: row.user_id,
    model: row.model,
    model_id: row.deployment_id,
    custom_llm_provider: row.provider,
    spend: row.cost === null ? null : Number(row.cost),
    prompt_tokens: Number(row.prompt_tokens),
    completion_tokens: Number(row.completion_tokens),
    total_tokens: Number(row.total_tokens),
    status: row.status,
    startTime: new Date(row.start_time).toISOString(),
    endTime: new Date(row.end_time).toISOString(),
    request_tags: typeof row.tags === 'string' ? (JSON.parse(row.tags) as string[]) : row.tags,
  };
}

const GROUP_FIELD = { team: ['teams', 'team_id'], key: ['api_keys', 'api_key'], api_key: ['api_keys', 'api_key'], model: ['models', 'model'] } as const;

interface GroupTotals {
  total_spend: number;
  total_prompt_tokens: number;
  total_completion_tokens: number;
  total_tokens: number;
  requests: number;
  metadata: Array<{ model: string; spend: number; total_tokens: number; requests: number }>;
}

/**
 * The daily roll-up as LiteLLM's spend report shapes it: one entry per day
 * (`group_by_day`), each with its teams / api_keys / models and their totals,
 * broken down by model in `metadata`.
 */
export function toSpendReport(figures: readonly DailySpendFigure[], groupBy: ReportGroup) {
  const [listName, idField] = GROUP_FIELD[groupBy];
  const days = new Map<string, Map<string, GroupTotals>>();
  for (const f of figures) {
    const groups = days.get(f.day) ?? new Map<string, GroupTotals>();
    days.set(f.day, groups);
    const id = f[idField];
    const g = groups.get(id) ?? { total_spend: 0, total_prompt_tokens: 0, total_completion_tokens: 0, total_tokens: 0, requests: 0, metadata: [] };
    groups.set(id, g);
    const tokens = f.prompt_tokens + f.completion_tokens;
    g.total_spend += f.spend;
    g.total_prompt_tokens += f.prompt_tokens;
    g.total_completion_tokens += f.completion_tokens;
    g.total_tokens += tokens;
    g.requests += f.requests;
    const byModel = g.metadata.find((m) => m.model === f.model);
    if (byModel) {
      byModel.spend += f.spend;
      byModel.total_tokens += tokens;
      byModel.requests += f.requests;
    } else {
      g.metadata.push({ model: f.model, spend: f.spend, total_tokens: tokens, requests: f.requests });
    }
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, groups]) => ({
      group_by_day: day,
      [listName]: [...groups.entries()].map(([id, g]) => ({ [idField]: id === '' ? null : id, ...g })),
    }));
}
