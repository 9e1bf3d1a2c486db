import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { AdminOnly, AdminOrOwnKey } from '../auth/auth.decorators';
import { callOf } from '../common/context/request-context';
import { KeyDeleteDto } from './dto/key-delete.dto';
import { KeyFieldsDto } from './dto/key-fields.dto';
import { KeyRefDto } from './dto/key-ref.dto';
import { KeyUpdateDto } from './dto/key-update.dto';
import { KeysService } from './keys.service';

/** LiteLLM's key management routes (SPEC 11); master key only, but a key may read its own /key/info. */
@Controller('key')
@AdminOnly()
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Post('generate')
  @HttpCode(200)
  generate(@Body() body: KeyFieldsDto) {
    return this.keys.generate(body);
  }

  @Post('update')
  @HttpCode(200)
  update(@Body() body: KeyUpdateDto) {
    return this.keys.update(body);
  }

  @Post('block')
  @HttpCode(200)
  block(@Body() body: KeyRefDto) {
    return this.keys.setBlocked(body.key, true);
  }

  @Post('unblock')
  @HttpCode(200)
  unblock(@Body() body: KeyRefDto) {
    return this.keys.setBlocked(body.key, false);
  }

  @Post('regenerate')
  @HttpCode(200)
  regenerate(@Body() body: KeyRefDto) {
    return this.keys.regenerate(body.key);
  }

  /** LiteLLM also spells it with the key in the path. */
  @Post(':key/regenerate')
  @HttpCode(200)
  regenerateByPath(@Param('key') key: string) {
    return this.keys.regenerate(key);
  }

  @Post('delete')
  @HttpCode(200)
  delete(@Body() body: KeyDeleteDto) {
    return this.keys.delete(body);
  }

  @Get('info')
  @AdminOrOwnKey()
  info(@Query('key') key: unknown, @Req() req: Request) {
    return this.keys.info(typeof key === 'string' && key ? key : undefined, callOf(req).caller);
  }

  @Get('list')
  list(@Query() query: Record<string, unknown>) {
    return this.keys.list(query);
  }
}
