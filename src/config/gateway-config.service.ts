import { Injectable } from '@nestjs/common';
import type { LoadedConfig } from './loaded-config';
import { loadConfigFile } from './config.loader';

/**
 * Holds the config the gateway serves with. Readers take `current` at the
 * start of each call, so a reload swaps routes atomically between calls.
 */
@Injectable()
export class GatewayConfigService {
  private config: LoadedConfig;
  private readonly listeners = new Set<(next: LoadedConfig, previous: LoadedConfig) => void>();

  constructor(initial: LoadedConfig) {
    this.config = initial;
  }

  get current(): LoadedConfig {
    return this.config;
  }

  /** Re-reads the file; on any problem throws `ConfigError` and keeps the current config. */
  reload(file = this.config.file): LoadedConfig {
    const next = loadConfigFile(file);
    const previous = this.config;
    this.config = next;
    for (const listener of this.listeners) listener(next, previous);
    return next;
  }

  /** Called after every successful reload. Returns an unsubscribe function. */
  onReload(listener: (next: LoadedConfig, previous: LoadedConfig) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
