import type { Provider } from '@nestjs/common';
import { GatewayConfigService } from '../../../config/gateway-config.service';
import { InMemoryResponsesStore } from './in-memory-responses.store';
import { RESPONSES_STORE } from './responses-store.di-tokens';

const DEFAULT_MAX_ENTRIES = 10_000;
/** OpenAI keeps responses 30 days. */
const DEFAULT_RETENTION_SECONDS = 30 * 24 * 3600;

/** The in-memory store, bounded by `general_settings.responses_store_max_entries` and `responses_retention_seconds` (read live, so a reload applies). */
export const RESPONSES_STORE_PROVIDER: Provider = {
  provide: RESPONSES_STORE,
  inject: [GatewayConfigService],
  useFactory: (config: GatewayConfigService) =>
    new InMemoryResponsesStore(() => ({
      maxEntries: config.current.general.responses_store_max_entries ?? DEFAULT_MAX_ENTRIES,
      ttlMs: (config.current.general.responses_retention_seconds ?? DEFAULT_RETENTION_SECONDS) * 1000,
    })),
};
