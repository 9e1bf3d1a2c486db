import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InvalidRequestError, NotFoundError } from '../common/errors';
import { KEY_INVALIDATION_BUS } from '../auth/auth.di-tokens';
import type { KeyInvalidationBus } from '../auth/invalidation/key-invalidation.bus';
import { keyAnswer, teamAnswer, toKeyRecord, toTeamRecord } from '../keys/key-record.mapper';
import { teamPatch } from '../keys/key-patch.mapper';
import { KeysRepository } from '../keys/keys.repository';
import type { NewTeamRow } from '../storage/database.types';
import { inStore } from '../storage/store-error';
import type { TeamDeleteDto } from './dto/team-delete.dto';
import type { TeamFieldsDto } from './dto/team-fields.dto';
import type { TeamUpdateDto } from './dto/team-update.dto';
import { TeamsRepository } from './teams.repository';

/** LiteLLM's /team/* routes (SPEC 11). Deleting a team deletes its keys, on every replica. */
@Injectable()
export class TeamsService {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly keys: KeysRepository,
    @Inject(KEY_INVALIDATION_BUS) private readonly bus: KeyInvalidationBus,
  ) {}

  async create(dto: TeamFieldsDto) {
    const row: NewTeamRow = { models: '[]', metadata: '{}', ...teamPatch(dto), team_id: dto.team_id ?? randomUUID() };
    return teamAnswer(toTeamRecord(await inStore(() => this.teams.insert(row), 'team_id')));
  }

  async update(dto: TeamUpdateDto) {
    const updated = await inStore(() => this.teams.update(dto.team_id, teamPatch(dto)));
    if (!updated) throw this.notFound('team_id');
    await this.bus.publish({ teams: [dto.team_id] });
    return teamAnswer(toTeamRecord(updated));
  }

  async delete(dto: TeamDeleteDto) {
    const tokens = await inStore(() => this.keys.tokensOfTeams(dto.team_ids));
    const deleted = await inStore(() => this.teams.deleteByIds(dto.team_ids));
    if (!deleted.length) throw this.notFound('team_ids');
    await this.bus.publish({ teams: deleted, tokens });
    return { deleted_teams: deleted };
  }

  /** LiteLLM's shape: `{team_id, team_info, keys}`. */
  async info(teamId: unknown) {
    if (typeof teamId !== 'string' || !teamId) throw new InvalidRequestError("Send 'team_id'", { param: 'team_id' });
    const row = await inStore(() => this.teams.findById(teamId));
    if (!row) throw this.notFound('team_id');
    const keys = await inStore(() => this.keys.listByTeam(teamId));
    return { team_id: teamId, team_info: teamAnswer(toTeamRecord(row)), keys: keys.map((k) => keyAnswer(toKeyRecord(k))) };
  }

  async list() {
    const rows = await inStore(() => this.teams.list());
    return rows.map((r) => teamAnswer(toTeamRecord(r)));
  }

  private notFound(param: string): NotFoundError {
    return new NotFoundError('No such team.', { param, code: 'team_not_found' });
  }
}
