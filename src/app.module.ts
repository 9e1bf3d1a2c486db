import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { ApiModule } from './api/api.module';
import { AuthModule } from './auth/auth.module';
import { GatewayConfigModule } from './config/gateway-config.module';
import type { LoadedConfig } from './config/loaded-config';
import { HealthModule } from './health/health.module';
import { ObservabilityModule } from './observability/observability.module';
import { KeysModule } from './keys/keys.module';
import { RoutingModule } from './routing/routing.module';
import { SpendModule } from './spend/spend.module';
import { StorageModule } from './storage/storage.module';

/** Imports the feature modules, nothing else. */
@Module({})
export class AppModule {
  static forRoot(config: LoadedConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [GatewayConfigModule.forRoot(config), ObservabilityModule, StorageModule, SpendModule, AuthModule, HealthModule, RoutingModule, ApiModule, KeysModule, AdminModule],
    };
  }
}
