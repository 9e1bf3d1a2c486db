import { sql, type Kysely } from 'kysely';

/** Keys, teams, one spend row per call and the daily roll-up (SPEC 11). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('gateway_teams')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('team_alias', 'text')
    .addColumn('models', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('max_budget', 'double precision')
    .addColumn('budget_duration', 'text')
    .addColumn('budget_reset_at', 'timestamptz')
    .addColumn('spend', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('rpm_limit', 'integer')
    .addColumn('tpm_limit', 'integer')
    .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('blocked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('gateway_keys')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('key_name', 'text', (c) => c.notNull())
    .addColumn('key_alias', 'text', (c) => c.unique())
    // Deleting a team deletes its keys: they must stop working with it.
    .addColumn('team_id', 'text', (c) => c.references('gateway_teams.team_id').onDelete('cascade'))
    .addColumn('user_id', 'text')
    .addColumn('models', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('max_budget', 'double precision')
    .addColumn('budget_duration', 'text')
    .addColumn('budget_reset_at', 'timestamptz')
    .addColumn('spend', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('rpm_limit', 'integer')
    .addColumn('tpm_limit', 'integer')
    .addColumn('max_parallel_requests', 'integer')
    .addColumn('expires', 'timestamptz')
    .addColumn('blocked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('gateway_keys_team_id_idx').on('gateway_keys').column('team_id').execute();
  await db.schema.createIndex('gateway_keys_created_at_idx').on('gateway_keys').column('created_at').execute();

  await db.schema
    .createTable('gateway_spend_logs')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('api_key', 'text')
    .addColumn('key_alias', 'text')
    .addColumn('team_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('model', 'text')
    .addColumn('deployment_id', 'text')
    .addColumn('provider', 'text')
    .addColumn('route', 'text')
    .addColumn('prompt_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('completion_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cost', 'double precision')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_time', 'timestamptz', (c) => c.notNull())
    .addColumn('end_time', 'timestamptz', (c) => c.notNull())
    .addColumn('tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema.createIndex('gateway_spend_logs_api_key_start_idx').on('gateway_spend_logs').columns(['api_key', 'start_time']).execute();
  await db.schema.createIndex('gateway_spend_logs_team_start_idx').on('gateway_spend_logs').columns(['team_id', 'start_time']).execute();
  await db.schema.createIndex('gateway_spend_logs_start_idx').on('gateway_spend_logs').column('start_time').execute();

  await db.schema
    .createTable('gateway_daily_spend')
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('api_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('model', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('spend', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('prompt_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('completion_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('requests', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('gateway_daily_spend_pk', ['day', 'team_id', 'api_key', 'model'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['gateway_daily_spend', 'gateway_spend_logs', 'gateway_keys', 'gateway_teams']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
