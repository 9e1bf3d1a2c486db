import { Logger, type FactoryProvider } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { GatewayConfigService } from '../../config/gateway-config.service';
import { MetricsService } from '../../observability/metrics/metrics.service';
import { DeploymentOutcomes } from '../../health/deployment-outcomes';
import { OutcomeRecordingStore } from '../../health/outcome-recording.store';
import { ReadinessRegistry } from '../../health/readiness.registry';
import { RedisReadinessIndicator } from '../../health/redis.health';
import { InMemoryRouterStateStore } from './in-memory-router-state.store';
import { redisSettingsFrom, sameRedisSettings, type RedisConnectionSettings } from './redis-connection.options';
import { RedisRouterStateStore, type RedisFailureCounter } from './redis-router-state.store';
import { ROUTER_STATE_STORE, type RouterStateStore } from './router-state.store';

/** Fail fast: a call must never wait on a Redis that is away; the local state takes over. */
const CLIENT_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  connectTimeout: 2_000,
  disconnectTimeout: 200,
  commandTimeout: 1_000,
  enableReadyCheck: true,
  retryStrategy: (attempt: number) => Math.min(100 * attempt, 2_000),
  reconnectOnError: () => false,
};

export function createRedisClient(settings: RedisConnectionSettings): Redis {
  return settings.url ? new Redis(settings.url, { ...CLIENT_OPTIONS, ...settings.options }) : new Redis({ ...CLIENT_OPTIONS, ...settings.options });
}

/**
 * ROUTER_STATE_STORE: in memory when no Redis is configured, else shared
 * through Redis (failing open to memory, with Redis as a readiness
 * dependency). Either way wrapped to note call outcomes for GET /health.
 * Redis settings are read at start-up; a reload that changes them is logged
 * and needs a restart.
 */
export const routerStateStoreProvider: FactoryProvider<RouterStateStore> = {
  provide: ROUTER_STATE_STORE,
  useFactory: (
    config: GatewayConfigService,
    readiness: ReadinessRegistry | undefined,
    outcomes: DeploymentOutcomes | undefined,
    metrics: RedisFailureCounter | undefined,
  ): RouterStateStore => {
    const logger = new Logger('RouterState');
    const settings = redisSettingsFrom(config.current.router);
    let store: RouterStateStore;
    if (settings) {
      const redis = new RedisRouterStateStore(createRedisClient(settings), settings, logger, () => metrics);
      readiness?.register(new RedisReadinessIndicator(redis, config.current.router.redis_required_for_readiness !== false));
      store = redis;
      logger.log(`router state shared through Redis at ${settings.display} (key prefix ${settings.keyPrefix})`);
    } else {
      store = new InMemoryRouterStateStore();
    }
    config.onReload((next) => {
      if (!sameRedisSettings(settings, redisSettingsFrom(next.router))) {
        logger.warn('router_settings.redis_* changed: the reload keeps the current router state backend; restart the gateway to apply');
      }
    });
    return outcomes ? new OutcomeRecordingStore(store, outcomes) : store;
  },
  inject: [
    GatewayConfigService,
    { token: ReadinessRegistry, optional: true },
    { token: DeploymentOutcomes, optional: true },
    { token: MetricsService, optional: true },
  ],
};
