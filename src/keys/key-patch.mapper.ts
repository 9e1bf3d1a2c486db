import type { KeyRowUpdate, TeamRowUpdate } from '../storage/database.types';
import { expiryFrom } from './duration';
import type { KeyFieldsDto, LimitFieldsDto } from './dto/key-fields.dto';

type Patch = Record<string, unknown>;

function copy(target: Patch, source: object, fields: readonly string[]): void {
  for (const f of fields) {
    const v = (source as Patch)[f];
    if (v !== undefined) target[f] = v;
  }
}

const LIMIT_FIELDS = ['max_budget', 'budget_duration', 'rpm_limit', 'tpm_limit'] as const;

function limitsPatch(dto: LimitFieldsDto, now: Date): Patch {
  const patch: Patch = {};
  copy(patch, dto, LIMIT_FIELDS);
  if (dto.models !== undefined) patch.models = JSON.stringify(dto.models ?? []);
  if (dto.metadata !== undefined) patch.metadata = JSON.stringify(dto.metadata ?? {});
  if (dto.budget_duration !== undefined) patch.budget_reset_at = expiryFrom(dto.budget_duration, now);
  return patch;
}

/** The columns a /key/generate or /key/update body sets (only the fields it names). */
export function keyPatch(dto: KeyFieldsDto & { blocked?: boolean }, now = new Date()): KeyRowUpdate {
  const patch = limitsPatch(dto, now);
  copy(patch, dto, ['key_alias', 'team_id', 'user_id', 'max_parallel_requests', 'blocked']);
  if (dto.duration !== undefined) patch.expires = expiryFrom(dto.duration, now);
  return patch;
}

/** The columns a /team/new or /team/update body sets. */
export function teamPatch(dto: LimitFieldsDto & { team_alias?: string; blocked?: boolean }, now = new Date()): TeamRowUpdate {
  const patch = limitsPatch(dto, now);
  copy(patch, dto, ['team_alias', 'blocked']);
  return patch;
}
