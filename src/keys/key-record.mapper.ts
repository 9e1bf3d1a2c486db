import type { KeyRow, TeamRow } from '../storage/database.types';
import type { TeamRecord, VirtualKeyRecord } from './keys.types';

export function toKeyRecord(row: KeyRow): VirtualKeyRecord {
  return {
    token: row.token,
    key_name: row.key_name,
    key_alias: row.key_alias,
    team_id: row.team_id,
    user_id: row.user_id,
    models: Array.isArray(row.models) ? row.models : [],
    max_budget: row.max_budget,
    budget_duration: row.budget_duration,
    budget_reset_at: row.budget_reset_at,
    spend: Number(row.spend ?? 0),
    rpm_limit: row.rpm_limit,
    tpm_limit: row.tpm_limit,
    max_parallel_requests: row.max_parallel_requests,
    expires: row.expires,
    blocked: row.blocked === true,
    metadata: row.metadata && typeof row.metadata === 'object' ? row.metadata : {},
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function toTeamRecord(row: TeamRow): TeamRecord {
  return {
    team_id: row.team_id,
    team_alias: row.team_alias,
    models: Array.isArray(row.models) ? row.models : [],
    max_budget: row.max_budget,
    budget_duration: row.budget_duration,
    budget_reset_at: row.budget_reset_at,
    spend: Number(row.spend ?? 0),
    rpm_limit: row.rpm_limit,
    tpm_limit: row.tpm_limit,
    metadata: row.metadata && typeof row.metadata === 'object' ? row.metadata : {},
    blocked: row.blocked === true,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A key as the management API answers it (LiteLLM's field names); never the key itself. */
export function keyAnswer(key: VirtualKeyRecord) {
  return {
    token: key.token,
    key_name: key.key_name,
    key_alias: key.key_alias,
    team_id: key.team_id,
    user_id: key.user_id,
    models: key.models,
    spend: key.spend,
    max_budget: key.max_budget,
    budget_duration: key.budget_duration,
    budget_reset_at: iso(key.budget_reset_at),
    rpm_limit: key.rpm_limit,
    tpm_limit: key.tpm_limit,
    max_parallel_requests: key.max_parallel_requests,
    expires: iso(key.expires),
    blocked: key.blocked,
    metadata: key.metadata,
    created_at: iso(key.created_at),
    updated_at: iso(key.updated_at),
  };
}

export function teamAnswer(team: TeamRecord) {
  return {
    team_id: team.team_id,
    team_alias: team.team_alias,
    models: team.models,
    spend: team.spend,
    max_budget: team.max_budget,
    budget_duration: team.budget_duration,
    budget_reset_at: iso(team.budget_reset_at),
    rpm_limit: team.rpm_limit,
    tpm_limit: team.tpm_limit,
    metadata: team.metadata,
    blocked: team.blocked,
    created_at: iso(team.created_at),
    updated_at: iso(team.updated_at),
  };
}

/** The models a caller may call: the key's ∩ the team's; empty lists mean all; null means no restriction. */
export function allowedModels(key: Pick<VirtualKeyRecord, 'models'>, team: Pick<TeamRecord, 'models'> | null | undefined): ReadonlySet<string> | null {
  const lists = [key.models, team?.models ?? []].filter((l) => l.length > 0);
  if (!lists.length) return null;
  const [first, ...rest] = lists;
  return new Set(first.filter((m) => rest.every((l) => l.includes(m))));
}
