import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GatewayConfigService } from '../../config/gateway-config.service';
import type { LoadedConfig } from '../../config/loaded-config';
import { environmentSecrets, secretsIn } from './known-secrets';
import { secretMasker } from './secret-masker';

/**
 * Tells the masker the secrets this app holds: every key of its config
 * (again after each reload, replacing the old ones) and the credentials of
 * the environment its providers fall back to. Removed when the app stops.
 */
@Injectable()
export class KnownSecretsRegistrar implements OnModuleInit, OnApplicationShutdown {
  private unsubscribe?: () => void;
  private readonly environmentSource = { env: this };

  constructor(private readonly config: GatewayConfigService) {
    // At construction, not init: log lines written while other modules start are masked too.
    this.registerConfig(config.current);
  }

  onModuleInit(): void {
    this.unsubscribe = this.config.onReload((next) => this.registerConfig(next));
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
    secretMasker.unregister(this);
    secretMasker.unregister(this.environmentSource);
  }

  private registerConfig(config: LoadedConfig): void {
    secretMasker.register(this, [...secretsIn(config), ...(config.masterKey ? [config.masterKey] : [])]);
    secretMasker.register(this.environmentSource, environmentSecrets(process.env));
  }
}
