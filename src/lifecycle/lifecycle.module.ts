import { Global, Module } from '@nestjs/common';
import { ConfigReloadController } from '../admin/config-reload.controller';
import { ConfigReloadService } from './config-reload.service';

/** Config reload (SIGHUP in main.ts, POST /admin/config/reload). */
@Global()
@Module({
  controllers: [ConfigReloadController],
  providers: [ConfigReloadService],
  exports: [ConfigReloadService],
})
export class LifecycleModule {}
