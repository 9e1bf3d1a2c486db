import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Database, KeyRow, KeyRowUpdate, NewKeyRow } from '../storage/database.types';
import { DATABASE } from '../storage/storage.di-tokens';

export interface KeyListFilter {
  teamId?: string;
  keyAlias?: string;
  offset: number;
  limit: number;
}

/** `gateway_keys`: the only place that queries it. */
@Injectable()
export class KeysRepository {
  constructor(@Inject(DATABASE) private readonly db: Kysely<Database>) {}

  insert(row: NewKeyRow): Promise<KeyRow> {
    return this.db.insertInto('gateway_keys').values(row).returningAll().executeTakeFirstOrThrow();
  }

  findByToken(token: string): Promise<KeyRow | undefined> {
    return this.db.selectFrom('gateway_keys').selectAll().where('token', '=', token).executeTakeFirst();
  }

  findByAlias(alias: string): Promise<KeyRow | undefined> {
    return this.db.selectFrom('gateway_keys').selectAll().where('key_alias', '=', alias).executeTakeFirst();
  }

  update(token: string, patch: KeyRowUpdate): Promise<KeyRow | undefined> {
    return this.db
      .updateTable('gateway_keys')
      .set({ ...patch, updated_at: new Date() })
      .where('token', '=', token)
      .returningAll()
      .executeTakeFirst();
  }

  /** A new secret for the same record: the old token stops matching anything. */
  replaceToken(token: string, newToken: string, keyName: string): Promise<KeyRow | undefined> {
    return this.update(token, { token: newToken, key_name: keyName });
  }

  async deleteByTokens(tokens: readonly string[]): Promise<string[]> {
    if (!tokens.length) return [];
    const rows = await this.db.deleteFrom('gateway_keys').where('token', 'in', tokens).returning('token').execute();
    return rows.map((r) => r.token);
  }

  async deleteByAliases(aliases: readonly string[]): Promise<string[]> {
    if (!aliases.length) return [];
    const rows = await this.db.deleteFrom('gateway_keys').where('key_alias', 'in', aliases).returning('token').execute();
    return rows.map((r) => r.token);
  }

  async tokensOfTeams(teamIds: readonly string[]): Promise<string[]> {
    if (!teamIds.length) return [];
    const rows = await this.db.selectFrom('gateway_keys').select('token').where('team_id', 'in', teamIds).execute();
    return rows.map((r) => r.token);
  }

  listByTeam(teamId: string): Promise<KeyRow[]> {
    return this.db.selectFrom('gateway_keys').selectAll().where('team_id', '=', teamId).orderBy('created_at').execute();
  }

  async list(filter: KeyListFilter): Promise<{ rows: KeyRow[]; total: number }> {
    let query = this.db.selectFrom('gateway_keys');
    if (filter.teamId !== undefined) query = query.where('team_id', '=', filter.teamId);
    if (filter.keyAlias !== undefined) query = query.where('key_alias', '=', filter.keyAlias);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('token').offset(filter.offset).limit(filter.limit).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }
}
