import { Global, Module } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider.registry';
import { RouteTableService } from './route-table.service';
import { ROUTER_STATE_STORE, ROUTING_STRATEGIES } from './routing.di-tokens';
import { RoutingService } from './routing.service';
import { InMemoryRouterStateStore } from './state/in-memory-router-state.store';
import { STRATEGY_LIST } from './strategies';
import { UserConfigRouterCache } from './user-config/user-config-router.cache';

@Global()
@Module({
  providers: [
    RoutingService,
    RouteTableService,
    ProviderRegistry,
    UserConfigRouterCache,
    { provide: ROUTING_STRATEGIES, useValue: STRATEGY_LIST },
    { provide: ROUTER_STATE_STORE, useClass: InMemoryRouterStateStore },
  ],
  exports: [RoutingService, RouteTableService, ProviderRegistry, UserConfigRouterCache, ROUTER_STATE_STORE],
})
export class RoutingModule {}
