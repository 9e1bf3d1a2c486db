import { Inject, Injectable } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/database.types';
import { DATABASE } from '../storage/storage.di-tokens';
import type { SpendBatch } from './spend-batch';

export interface SpendFigure {
  id: string;
  spend: number;
  budgetResetAt: Date | null;
}

export interface BudgetSchedule {
  id: string;
  budgetDuration: string;
  budgetResetAt: Date | null;
}

/** Spend rows, counters and roll-ups. Writes only; reports read through `SpendQueryRepository`. */
@Injectable()
export class SpendRepository {
  constructor(@Inject(DATABASE) private readonly db: Kysely<Database>) {}

  /** One transaction: the rows, then `spend = spend + x` on keys and teams, then the daily roll-up, each in id order. */
  async write(batch: SpendBatch): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < batch.rows.length; i += 500) {
        await tx.insertInto('gateway_spend_logs').values(batch.rows.slice(i, i + 500)).onConflict((oc) => oc.column('request_id').doNothing()).execute();
      }
      for (const [token, spend] of batch.keys) {
        if (spend !== 0) await tx.updateTable('gateway_keys').set({ spend: sql`spend + ${spend}` }).where('token', '=', token).execute();
      }
      for (const [teamId, spend] of batch.teams) {
        if (spend !== 0) await tx.updateTable('gateway_teams').set({ spend: sql`spend + ${spend}` }).where('team_id', '=', teamId).execute();
      }
      for (const d of batch.daily) {
        await tx
          .insertInto('gateway_daily_spend')
          .values(d)
          .onConflict((oc) =>
            oc.columns(['day', 'team_id', 'api_key', 'model']).doUpdateSet({
              spend: sql`gateway_daily_spend.spend + ${d.spend}`,
              prompt_tokens: sql`gateway_daily_spend.prompt_tokens + ${d.prompt_tokens}`,
              completion_tokens: sql`gateway_daily_spend.completion_tokens + ${d.completion_tokens}`,
              requests: sql`gateway_daily_spend.requests + ${d.requests}`,
            }),
          )
          .execute();
      }
    });
  }

  async keySpend(tokens: readonly string[]): Promise<SpendFigure[]> {
    if (tokens.length === 0) return [];
    const rows = await this.db.selectFrom('gateway_keys').select(['token', 'spend', 'budget_reset_at']).where('token', 'in', tokens).execute();
    return rows.map((r) => ({ id: r.token, spend: Number(r.spend), budgetResetAt: r.budget_reset_at }));
  }

  async teamSpend(teamIds: readonly string[]): Promise<SpendFigure[]> {
    if (teamIds.length === 0) return [];
    const rows = await this.db.selectFrom('gateway_teams').select(['team_id', 'spend', 'budget_reset_at']).where('team_id', 'in', teamIds).execute();
    return rows.map((r) => ({ id: r.team_id, spend: Number(r.spend), budgetResetAt: r.budget_reset_at }));
  }

  /** Keys and teams with a budget_duration whose reset is due (or not yet scheduled). */
  async dueResets(now: Date): Promise<{ keys: BudgetSchedule[]; teams: BudgetSchedule[] }> {
    const keys = await this.db
      .selectFrom('gateway_keys')
      .select(['token', 'budget_duration', 'budget_reset_at'])
      .where('budget_duration', 'is not', null)
      .where((eb) => eb.or([eb('budget_reset_at', 'is', null), eb('budget_reset_at', '<=', now)]))
      .limit(1000)
      .execute();
    const teams = await this.db
      .selectFrom('gateway_teams')
      .select(['team_id', 'budget_duration', 'budget_reset_at'])
      .where('budget_duration', 'is not', null)
      .where((eb) => eb.or([eb('budget_reset_at', 'is', null), eb('budget_reset_at', '<=', now)]))
      .limit(1000)
      .execute();
    return {
      keys: keys.map((r) => ({ id: r.token, budgetDuration: r.budget_duration!, budgetResetAt: r.budget_reset_at })),
      teams: teams.map((r) => ({ id: r.team_id, budgetDuration: r.budget_duration!, budgetResetAt: r.budget_reset_at })),
    };
  }

  /**
   * Starts a new budget period: spend 0 (a first schedule keeps the spend),
   * only if no other replica did it first (the old reset time still matches).
   */
  async resetBudget(table: 'gateway_keys' | 'gateway_teams', s: BudgetSchedule, next: Date): Promise<boolean> {
    const idColumn = table === 'gateway_keys' ? 'token' : 'team_id';
    const set = s.budgetResetAt ? { spend: 0, budget_reset_at: next } : { budget_reset_at: next };
    const result = await this.db
      .updateTable(table)
      .set(set)
      .where(idColumn as 'token', '=', s.id)
      .where((eb) => (s.budgetResetAt ? eb('budget_reset_at', '=', s.budgetResetAt) : eb('budget_reset_at', 'is', null)))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteRowsBefore(cutoff: Date): Promise<number> {
    const result = await this.db.deleteFrom('gateway_spend_logs').where('start_time', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
