import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AuthenticationError, ServiceUnavailableError } from '../common/errors';
import { toKeyRecord, toTeamRecord } from '../keys/key-record.mapper';
import { hashKey } from '../keys/key-secret';
import { KeysRepository } from '../keys/keys.repository';
import { TeamsRepository } from '../teams/teams.repository';
import { KEY_INVALIDATION_BUS } from './auth.di-tokens';
import type { KeyInvalidationBus } from './invalidation/key-invalidation.bus';
import { KeyCache, type CachedKey } from './key-cache';

/**
 * Checks a virtual key: from the cache when it is there, else from the
 * database (then cached). Database away: a key seen before keeps working, an
 * unknown one is 503 (it may be valid), never 401 for everyone.
 */
@Injectable()
export class VirtualKeyAuthenticator implements OnModuleDestroy {
  private readonly logger = new Logger('VirtualKeys');
  readonly cache = new KeyCache();
  private readonly loading = new Map<string, Promise<CachedKey | null>>();

  constructor(
    private readonly keys: KeysRepository,
    private readonly teams: TeamsRepository,
    @Inject(KEY_INVALIDATION_BUS) private readonly bus: KeyInvalidationBus,
  ) {
    bus.subscribe((change) => this.cache.apply(change));
  }

  async authenticate(secret: string, now = new Date()): Promise<CachedKey> {
    const found = await this.lookup(hashKey(secret));
    if (!found) throw new AuthenticationError('Incorrect API key provided.', { code: 'invalid_api_key' });
    const { key, team } = found;
    if (key.blocked || team?.blocked) {
      throw new AuthenticationError(`This key is blocked${team?.blocked && !key.blocked ? ' (its team is blocked)' : ''}.`, { code: 'key_blocked' });
    }
    if (key.expires && key.expires.getTime() <= now.getTime()) {
      throw new AuthenticationError(`This key expired at ${key.expires.toISOString()}.`, { code: 'key_expired' });
    }
    return found;
  }

  private async lookup(token: string): Promise<CachedKey | null> {
    const fresh = this.cache.fresh(token);
    if (fresh) return fresh;
    if (this.cache.isKnownUnknown(token)) return null;
    let pending = this.loading.get(token);
    if (!pending) {
      pending = this.load(token).finally(() => this.loading.delete(token));
      this.loading.set(token, pending);
    }
    return pending;
  }

  private async load(token: string): Promise<CachedKey | null> {
    try {
      const row = await this.keys.findByToken(token);
      if (!row) {
        this.cache.setUnknown(token);
        return null;
      }
      const teamRow = row.team_id ? await this.teams.findById(row.team_id) : undefined;
      if (row.team_id && !teamRow) {
        this.cache.setUnknown(token);
        return null;
      }
      const entry = { key: toKeyRecord(row), team: teamRow ? toTeamRecord(teamRow) : null };
      this.cache.set(token, entry);
      return entry;
    } catch (err) {
      const stale = this.cache.stale(token);
      if (stale) return stale;
      this.logger.warn(`cannot check a virtual key: the database does not answer (${(err as Error).message})`);
      throw new ServiceUnavailableError('The key store is unreachable; this key cannot be checked right now. Retry shortly.', { code: 'key_store_unavailable' });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.bus.close();
  }
}
