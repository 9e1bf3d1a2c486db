import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AdminPageController } from './admin-page.controller';
import { AdminPageService } from './admin-page.service';
import { AdminRoutesController } from './admin-routes.controller';
import { AdminRoutesService } from './admin-routes.service';
import { RouteDebugInterceptor } from './route-debug.interceptor';

/** Route inspection for admins: GET /admin/routes, POST /admin/routes/explain, the x-gateway-route debug header. */
@Module({
  controllers: [AdminRoutesController, AdminPageController],
  providers: [AdminRoutesService, AdminPageService, { provide: APP_INTERCEPTOR, useClass: RouteDebugInterceptor }],
  exports: [AdminRoutesService],
})
export class AdminModule {}
