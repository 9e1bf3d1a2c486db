import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { MODEL_CALL_ROUTES } from '../api/shared/model-call.routes';
import { AdminAssetsService } from './admin-assets.service';
import { AdminPageController } from './admin-page.controller';
import { AdminPageService } from './admin-page.service';
import { AdminRoutesController } from './admin-routes.controller';
import { AdminRoutesService } from './admin-routes.service';
import { RouteDebugMiddleware } from './route-debug.middleware';

/** Route inspection for admins: GET /admin/routes, POST /admin/routes/explain, the x-gateway-route debug header. */
@Module({
  controllers: [AdminRoutesController, AdminPageController],
  providers: [AdminRoutesService, AdminPageService, AdminAssetsService],
  exports: [AdminRoutesService],
})
export class AdminModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RouteDebugMiddleware).forRoutes(...MODEL_CALL_ROUTES);
  }
}
