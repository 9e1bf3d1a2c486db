import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { AdminOnly } from '../auth/auth.decorators';
import { TeamDeleteDto } from './dto/team-delete.dto';
import { TeamFieldsDto } from './dto/team-fields.dto';
import { TeamUpdateDto } from './dto/team-update.dto';
import { TeamsService } from './teams.service';

/** LiteLLM's team routes (SPEC 11), master key only. */
@Controller('team')
@AdminOnly()
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post('new')
  @HttpCode(200)
  create(@Body() body: TeamFieldsDto) {
    return this.teams.create(body);
  }

  @Post('update')
  @HttpCode(200)
  update(@Body() body: TeamUpdateDto) {
    return this.teams.update(body);
  }

  @Post('delete')
  @HttpCode(200)
  delete(@Body() body: TeamDeleteDto) {
    return this.teams.delete(body);
  }

  @Get('info')
  info(@Query('team_id') teamId: unknown) {
    return this.teams.info(teamId);
  }

  @Get('list')
  list() {
    return this.teams.list();
  }
}
