import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Database, NewTeamRow, TeamRow, TeamRowUpdate } from '../storage/database.types';
import { DATABASE } from '../storage/storage.di-tokens';

/** `gateway_teams`: the only place that queries it. */
@Injectable()
export class TeamsRepository {
  constructor(@Inject(DATABASE) private readonly db: Kysely<Database>) {}

  insert(row: NewTeamRow): Promise<TeamRow> {
    return this.db.insertInto('gateway_teams').values(row).returningAll().executeTakeFirstOrThrow();
  }

  findById(teamId: string): Promise<TeamRow | undefined> {
    return this.db.selectFrom('gateway_teams').selectAll().where('team_id', '=', teamId).executeTakeFirst();
  }

  update(teamId: string, patch: TeamRowUpdate): Promise<TeamRow | undefined> {
    return this.db
      .updateTable('gateway_teams')
      .set({ ...patch, updated_at: new Date() })
      .where('team_id', '=', teamId)
      .returningAll()
      .executeTakeFirst();
  }

  /** Deletes the teams; their keys go with them (foreign key, on delete cascade). */
  async deleteByIds(teamIds: readonly string[]): Promise<string[]> {
    if (!teamIds.length) return [];
    const rows = await this.db.deleteFrom('gateway_teams').where('team_id', 'in', teamIds).returning('team_id').execute();
    return rows.map((r) => r.team_id);
  }

  list(): Promise<TeamRow[]> {
    return this.db.selectFrom('gateway_teams').selectAll().orderBy('created_at').orderBy('team_id').execute();
  }
}
