import { Global, Module } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider.registry';
import { RouteTableService } from './route-table.service';
import { RouteTracer } from './route-trace';
import { ROUTER_STATE_STORE, ROUTING_STRATEGIES } from './routing.di-tokens';
import { RoutingService } from './routing.service';
import { routerStateStoreProvider } from './state/redis-router-state.provider';
import { STRATEGY_LIST } from './strategies';
import { UserConfigRouterCache } from './user-config/user-config-router.cache';

@Global()
@Module({
  providers: [
    RoutingService,
    RouteTableService,
    ProviderRegistry,
    UserConfigRouterCache,
    RouteTracer,
    { provide: ROUTING_STRATEGIES, useValue: STRATEGY_LIST },
    routerStateStoreProvider,
  ],
  exports: [RoutingService, RouteTableService, ProviderRegistry, UserConfigRouterCache, RouteTracer, ROUTER_STATE_STORE, ROUTING_STRATEGIES],
})
export class RoutingModule {}
