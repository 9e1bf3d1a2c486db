import { DynamicModule, Global, Module } from '@nestjs/common';
import { GatewayConfigService } from './gateway-config.service';
import type { LoadedConfig } from './loaded-config';

/** Provides the config loaded (and validated) before the app was created. */
@Global()
@Module({})
export class GatewayConfigModule {
  static forRoot(config: LoadedConfig): DynamicModule {
    return {
      module: GatewayConfigModule,
      providers: [{ provide: GatewayConfigService, useValue: new GatewayConfigService(config) }],
      exports: [GatewayConfigService],
    };
  }
}
