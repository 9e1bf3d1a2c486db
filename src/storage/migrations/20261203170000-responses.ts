import type { Kysely } from 'kysely';

/** Stored Responses API responses (SPEC 12), shared by every replica on one database. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gateway_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_key_hash', 'text', (c) => c.notNull())
    .addColumn('deployment_id', 'text')
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('input_items', 'jsonb', (c) => c.notNull())
    .addColumn('history', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gateway_responses_expires_at_idx').on('gateway_responses').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('gateway_responses').ifExists().execute();
}
