import { Controller, Get } from '@nestjs/common';
import { AdminOnly } from '../../auth/auth.decorators';
import { ModelsService } from './models.service';

@Controller()
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get(['models', 'v1/models'])
  list() {
    return this.models.list();
  }

  @Get(['model/info', 'v1/model/info'])
  @AdminOnly()
  info() {
    return this.models.info();
  }
}
