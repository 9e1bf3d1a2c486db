import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A jsonb column: written as a JSON string or value, read back parsed. */
type Json<T> = ColumnType<T, T | string | undefined, T | string>;
/** A timestamptz column: read as a Date, written as a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface GatewayTeamsTable {
  team_id: string;
  team_alias: string | null;
  models: Json<string[]>;
  max_budget: number | null;
  budget_duration: string | null;
  budget_reset_at: NullableTimestamp;
  spend: Generated<number>;
  rpm_limit: number | null;
  tpm_limit: number | null;
  metadata: Json<Record<string, unknown>>;
  blocked: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GatewayKeysTable {
  /** SHA-256 (hex) of the key; the key itself is never stored. */
  token: string;
  /** `sk-…Ab3x`: enough to recognise a key, not to use it. */
  key_name: string;
  key_alias: string | null;
  team_id: string | null;
  user_id: string | null;
  models: Json<string[]>;
  max_budget: number | null;
  budget_duration: string | null;
  budget_reset_at: NullableTimestamp;
  spend: Generated<number>;
  rpm_limit: number | null;
  tpm_limit: number | null;
  max_parallel_requests: number | null;
  expires: NullableTimestamp;
  blocked: Generated<boolean>;
  metadata: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GatewaySpendLogsTable {
  request_id: string;
  /** The key's token (hash), never the key. */
  api_key: string | null;
  key_alias: string | null;
  team_id: string | null;
  user_id: string | null;
  model: string | null;
  deployment_id: string | null;
  provider: string | null;
  route: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** USD; null when the call could not be priced (never a silent 0). */
  cost: number | null;
  status: string;
  start_time: Timestamp;
  end_time: Timestamp;
  tags: Json<string[]>;
}

export interface GatewayDailySpendTable {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  team_id: Generated<string>;
  api_key: Generated<string>;
  model: Generated<string>;
  spend: Generated<number>;
  prompt_tokens: Generated<number>;
  completion_tokens: Generated<number>;
  requests: Generated<number>;
}

export interface GatewayResponsesTable {
  id: string;
  /** sha256 of the key that made it. */
  owner_key_hash: string;
  deployment_id: string | null;
  response: Json<unknown>;
  input_items: Json<unknown[]>;
  history: Json<unknown[]>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface Database {
  gateway_responses: GatewayResponsesTable;
  gateway_teams: GatewayTeamsTable;
  gateway_keys: GatewayKeysTable;
  gateway_spend_logs: GatewaySpendLogsTable;
  gateway_daily_spend: GatewayDailySpendTable;
}

export type TeamRow = Selectable<GatewayTeamsTable>;
export type NewTeamRow = Insertable<GatewayTeamsTable>;
export type TeamRowUpdate = Updateable<GatewayTeamsTable>;
export type KeyRow = Selectable<GatewayKeysTable>;
export type NewKeyRow = Insertable<GatewayKeysTable>;
export type KeyRowUpdate = Updateable<GatewayKeysTable>;
export type SpendLogRow = Selectable<GatewaySpendLogsTable>;
export type NewSpendLogRow = Insertable<GatewaySpendLogsTable>;
export type DailySpendRow = Selectable<GatewayDailySpendTable>;
export type ResponseRow = Selectable<GatewayResponsesTable>;
export type NewResponseRow = Insertable<GatewayResponsesTable>;
