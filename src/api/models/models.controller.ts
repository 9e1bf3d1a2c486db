import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
import { callOf } from '../../common/context/request-context';
import { AdminOnly } from '../../auth/auth.decorators';
import { ModelsService } from './models.service';

@Controller()
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get(['models', 'v1/models'])
  list(@Req() req: Request) {
    return this.models.list(callOf(req)?.caller);
  }

  @Get(['model/info', 'v1/model/info'])
  @AdminOnly()
  info() {
    return this.models.info();
  }
}
