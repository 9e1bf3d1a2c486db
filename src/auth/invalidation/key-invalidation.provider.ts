import { Logger, type FactoryProvider } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { GatewayConfigService } from '../../config/gateway-config.service';
import { createRedisClient } from '../../routing/state/redis-router-state.provider';
import { redisSettingsFrom } from '../../routing/state/redis-connection.options';
import { DatabaseState } from '../../storage/database.state';
import { DATABASE } from '../../storage/storage.di-tokens';
import { KEY_INVALIDATION_BUS } from '../auth.di-tokens';
import type { KeyInvalidationBus } from './key-invalidation.bus';
import { LocalKeyInvalidationBus } from './local-key-invalidation.bus';
import { PostgresKeyInvalidationBus } from './postgres-key-invalidation.bus';
import { RedisKeyInvalidationBus } from './redis-key-invalidation.bus';

/**
 * Redis pub/sub when Redis is configured, else PostgreSQL LISTEN/NOTIFY,
 * else (embedded database: one replica only) local. Off without a master
 * key, since there are no virtual keys then.
 */
export const keyInvalidationBusProvider: FactoryProvider<KeyInvalidationBus> = {
  provide: KEY_INVALIDATION_BUS,
  useFactory: (config: GatewayConfigService, state: DatabaseState, db: Kysely<any>): KeyInvalidationBus => {
    const logger = new Logger('KeyChanges');
    if (!config.current.masterKey) return new LocalKeyInvalidationBus();
    const redis = redisSettingsFrom(config.current.router);
    if (redis) return new RedisKeyInvalidationBus(createRedisClient(redis), createRedisClient(redis), redis.keyPrefix, logger);
    if (state.settings.kind === 'postgres') return new PostgresKeyInvalidationBus(state.settings.url, db, logger);
    return new LocalKeyInvalidationBus();
  },
  inject: [GatewayConfigService, DatabaseState, DATABASE],
};
