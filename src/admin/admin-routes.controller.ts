import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { AdminOnly } from '../auth/auth.decorators';
import type { ExplainView, RoutesView } from './admin-routes.types';
import { AdminRoutesService } from './admin-routes.service';
import { ExplainRequestDto } from './dto/explain-request.dto';

/** The routing table, its live state, and why a request would go where it goes (SPEC 8). Master key only. */
@Controller('admin/routes')
@AdminOnly()
export class AdminRoutesController {
  constructor(private readonly routes: AdminRoutesService) {}

  @Get()
  list(): Promise<RoutesView> {
    return this.routes.routes();
  }

  @Post('explain')
  @HttpCode(200)
  explain(@Body() body: ExplainRequestDto): Promise<ExplainView> {
    return this.routes.explain(body);
  }
}
