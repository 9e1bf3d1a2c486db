import { Module } from '@nestjs/common';
import { TeamsController } from '../teams/teams.controller';
import { TeamsService } from '../teams/teams.service';
import { KeysController } from './keys.controller';
import { KeysService } from './keys.service';

/** The management API for virtual keys and teams (SPEC 11); repositories and the cache bus come from AuthModule. */
@Module({
  controllers: [KeysController, TeamsController],
  providers: [KeysService, TeamsService],
})
export class KeysModule {}
