import { Body, Controller, HttpCode, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MODEL_CALL_INTERCEPTORS } from '../shared/model-call.interceptors';
import { ModerationRequestDto } from './dto/moderation-request.dto';
import { ModerationsService } from './moderations.service';

@Controller()
@UseInterceptors(...MODEL_CALL_INTERCEPTORS)
export class ModerationsController {
  constructor(private readonly moderations: ModerationsService) {}

  @Post(['moderations', 'v1/moderations'])
  @HttpCode(200)
  create(@Body() body: ModerationRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.moderations.create(body, req, res);
  }
}
