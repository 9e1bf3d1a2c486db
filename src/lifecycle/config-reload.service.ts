import { Injectable, Logger } from '@nestjs/common';
import { InvalidRequestError } from '../common/errors';
import { ConfigError } from '../config/config-error';
import { GatewayConfigService } from '../config/gateway-config.service';
import { diffConfigs, summarizeDiff, type ConfigDiff } from './config-diff';

export type ReloadTrigger = 'SIGHUP' | 'admin';

export interface ReloadResult {
  file: string;
  reloaded_at: string;
  changes: ConfigDiff;
  warnings: readonly string[];
}

/**
 * Re-reads the config file the gateway started with. A valid config replaces
 * the routes at once (calls in flight keep the table they started with); an
 * invalid one throws the same `ConfigError` as at start-up and the current
 * config stays.
 */
@Injectable()
export class ConfigReloadService {
  private readonly logger = new Logger('ConfigReload');

  constructor(private readonly config: GatewayConfigService) {}

  reload(trigger: ReloadTrigger): ReloadResult {
    const previous = this.config.current;
    try {
      const next = this.config.reload(previous.file);
      const changes = diffConfigs(previous, next);
      this.logger.log(`config reloaded from ${next.file} (${trigger}): ${summarizeDiff(changes)}`);
      for (const warning of next.warnings) this.logger.warn(warning);
      return { file: next.file, reloaded_at: new Date().toISOString(), changes, warnings: next.warnings };
    } catch (err) {
      if (err instanceof ConfigError) this.logger.error(`config reload refused (${trigger}), keeping the current config: ${err.message}`);
      throw err;
    }
  }

  /** For the HTTP route: an invalid config is the caller's 400, with the start-up message. */
  reloadFromAdmin(): ReloadResult {
    try {
      return this.reload('admin');
    } catch (err) {
      if (err instanceof ConfigError) throw new InvalidRequestError(err.message, { code: 'invalid_config', cause: err });
      throw err;
    }
  }
}
