import type { Kysely } from 'kysely';
import type { Database, NewResponseRow, ResponseRow } from '../../../storage/database.types';

/** The only queries on `gateway_responses`. */
export class ResponsesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(row: NewResponseRow): Promise<void> {
    const { id: _id, ...rest } = row;
    await this.db.insertInto('gateway_responses').values(row).onConflict((oc) => oc.column('id').doUpdateSet(rest)).execute();
  }

  async find(id: string, owner: string, now: Date): Promise<ResponseRow | undefined> {
    return this.db
      .selectFrom('gateway_responses')
      .selectAll()
      .where('id', '=', id)
      .where('owner_key_hash', '=', owner)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  async delete(id: string, owner: string): Promise<boolean> {
    const result = await this.db.deleteFrom('gateway_responses').where('id', '=', id).where('owner_key_hash', '=', owner).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Deletes at most `limit` expired rows; returns how many went. */
  async deleteExpired(now: Date, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('gateway_responses')
      .where('id', 'in', (qb) => qb.selectFrom('gateway_responses').select('id').where('expires_at', '<=', now).limit(limit))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
