import { Inject, Injectable } from '@nestjs/common';
import { InvalidRequestError, NotFoundError } from '../common/errors';
import { KEY_INVALIDATION_BUS } from '../auth/auth.di-tokens';
import type { KeyInvalidationBus } from '../auth/invalidation/key-invalidation.bus';
import type { KeyRow } from '../storage/database.types';
import { SpendWriterService } from '../spend/spend-writer.service';
import { inStore } from '../storage/store-error';
import { TeamsRepository } from '../teams/teams.repository';
import type { KeyDeleteDto } from './dto/key-delete.dto';
import type { KeyFieldsDto } from './dto/key-fields.dto';
import type { KeyUpdateDto } from './dto/key-update.dto';
import { keyAnswer, toKeyRecord } from './key-record.mapper';
import { keyPatch } from './key-patch.mapper';
import { generateKeySecret, hashKey, keyNameOf, tokenOf } from './key-secret';
import type { Caller } from './keys.types';
import { KeysRepository } from './keys.repository';
import { pageOf, queryString } from './pagination';

/** LiteLLM's /key/* routes (SPEC 11). A key is shown once, by generate and regenerate; then only its token. */
@Injectable()
export class KeysService {
  constructor(
    private readonly keys: KeysRepository,
    private readonly teams: TeamsRepository,
    @Inject(KEY_INVALIDATION_BUS) private readonly bus: KeyInvalidationBus,
    private readonly spend: SpendWriterService,
  ) {}

  async generate(dto: KeyFieldsDto) {
    await this.assertTeamExists(dto.team_id);
    const secret = generateKeySecret();
    const token = hashKey(secret);
    const row = await inStore(
      () => this.keys.insert({ models: '[]', metadata: '{}', ...keyPatch(dto), token, key_name: keyNameOf(secret) }),
      'key_alias',
    );
    await this.bus.publish({ tokens: [token] });
    return { ...keyAnswer(toKeyRecord(row)), key: secret };
  }

  async update(dto: KeyUpdateDto) {
    const { key, ...fields } = dto;
    if (fields.team_id) await this.assertTeamExists(fields.team_id);
    const row = await this.find(key);
    const updated = await inStore(() => this.keys.update(row.token, keyPatch(fields)), 'key_alias');
    return this.changed(row.token, updated);
  }

  async setBlocked(key: string, blocked: boolean) {
    const row = await this.find(key);
    return this.changed(row.token, await inStore(() => this.keys.update(row.token, { blocked })));
  }

  async regenerate(key: string) {
    const row = await this.find(key);
    const secret = generateKeySecret();
    const token = hashKey(secret);
    // Spend rows waiting here add to the counter by token: written after the swap they would match no key.
    await this.spend.flushNow();
    const updated = await inStore(() => this.keys.replaceToken(row.token, token, keyNameOf(secret)));
    if (!updated) throw this.notFound();
    await this.bus.publish({ tokens: [row.token, token] });
    return { ...keyAnswer(toKeyRecord(updated)), key: secret };
  }

  async delete(dto: KeyDeleteDto) {
    if (!dto.keys?.length && !dto.key_aliases?.length) {
      throw new InvalidRequestError("Send 'keys' (keys or tokens) or 'key_aliases' to delete", { param: 'keys' });
    }
    const deleted = await inStore(async () => [
      ...(await this.keys.deleteByTokens((dto.keys ?? []).map(tokenOf))),
      ...(await this.keys.deleteByAliases(dto.key_aliases ?? [])),
    ]);
    if (!deleted.length) throw this.notFound('keys');
    await this.bus.publish({ tokens: deleted });
    return { deleted_keys: deleted };
  }

  /** One key's record (LiteLLM: `{key: <token>, info}`); without `key`, the calling virtual key's own. */
  async info(key: string | undefined, caller: Caller | undefined) {
    const token = key ? tokenOf(key) : caller?.kind === 'virtual' ? caller.key?.token : undefined;
    if (!token) throw new InvalidRequestError("Send 'key' (the key or its token)", { param: 'key' });
    const row = await inStore(() => this.keys.findByToken(token));
    if (!row) throw this.notFound();
    return { key: row.token, info: keyAnswer(toKeyRecord(row)) };
  }

  async list(query: Record<string, unknown>) {
    const { page, size, offset } = pageOf(query);
    const full = queryString(query, 'return_full_object') === 'true';
    const { rows, total } = await inStore(() =>
      this.keys.list({ teamId: queryString(query, 'team_id'), keyAlias: queryString(query, 'key_alias'), offset, limit: size }),
    );
    return {
      keys: full ? rows.map((r) => keyAnswer(toKeyRecord(r))) : rows.map((r) => r.token),
      total_count: total,
      current_page: page,
      total_pages: Math.ceil(total / size),
    };
  }

  private async changed(token: string, updated: KeyRow | undefined) {
    if (!updated) throw this.notFound();
    await this.bus.publish({ tokens: [token] });
    return keyAnswer(toKeyRecord(updated));
  }

  private async find(key: string): Promise<KeyRow> {
    const row = await inStore(() => this.keys.findByToken(tokenOf(key)));
    if (!row) throw this.notFound();
    return row;
  }

  private async assertTeamExists(teamId: string | undefined | null): Promise<void> {
    if (!teamId) return;
    const team = await inStore(() => this.teams.findById(teamId));
    if (!team) throw new InvalidRequestError(`Invalid value for 'team_id': no team '${teamId}'`, { param: 'team_id', code: 'team_not_found' });
  }

  private notFound(param = 'key'): NotFoundError {
    return new NotFoundError('No such key.', { param, code: 'key_not_found' });
  }
}
