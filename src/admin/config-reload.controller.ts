import { Controller, HttpCode, Post } from '@nestjs/common';
import { AdminOnly } from '../auth/auth.decorators';
import { ConfigReloadService } from '../lifecycle/config-reload.service';

/** POST /admin/config/reload: re-reads the config file (as SIGHUP does). */
@Controller('admin/config')
@AdminOnly()
export class ConfigReloadController {
  constructor(private readonly reloads: ConfigReloadService) {}

  @Post('reload')
  @HttpCode(200)
  reload() {
    return this.reloads.reloadFromAdmin();
  }
}
