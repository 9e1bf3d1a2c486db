import { Inject, Injectable } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import type { Database, SpendLogRow } from '../storage/database.types';
import { DATABASE } from '../storage/storage.di-tokens';

export interface SpendLogFilter {
  apiKeyToken?: string;
  teamId?: string;
  requestId?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface DailySpendFigure {
  day: string;
  team_id: string;
  api_key: string;
  model: string;
  spend: number;
  prompt_tokens: number;
  completion_tokens: number;
  requests: number;
}

/** Reads for GET /spend/logs and /spend/report. */
@Injectable()
export class SpendQueryRepository {
  constructor(@Inject(DATABASE) private readonly db: Kysely<Database>) {}

  async logs(filter: SpendLogFilter, offset: number, limit: number): Promise<{ rows: SpendLogRow[]; total: number }> {
    let query = this.db.selectFrom('gateway_spend_logs');
    if (filter.apiKeyToken) query = query.where('api_key', '=', filter.apiKeyToken);
    if (filter.teamId) query = query.where('team_id', '=', filter.teamId);
    if (filter.requestId) query = query.where('request_id', '=', filter.requestId);
    if (filter.from) query = query.where('start_time', '>=', filter.from);
    if (filter.to) query = query.where('start_time', '<', filter.to);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('start_time', 'desc').orderBy('request_id').offset(offset).limit(limit).execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Roll-up rows of the days from `fromDay` to `toDay` inclusive (`YYYY-MM-DD`). */
  async daily(fromDay: string, toDay: string): Promise<DailySpendFigure[]> {
    const rows = await this.db
      .selectFrom('gateway_daily_spend')
      .select([
        sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'),
        'team_id',
        'api_key',
        'model',
        'spend',
        'prompt_tokens',
        'completion_tokens',
        'requests',
      ])
      .where('day', '>=', sql<string>`${fromDay}::date`)
      .where('day', '<=', sql<string>`${toDay}::date`)
      .orderBy('day')
      .execute();
    return rows.map((r) => ({
      day: r.day,
      team_id: r.team_id,
      api_key: r.api_key,
      model: r.model,
      spend: Number(r.spend),
      prompt_tokens: Number(r.prompt_tokens),
      completion_tokens: Number(r.completion_tokens),
      requests: Number(r.requests),
    }));
  }
}
