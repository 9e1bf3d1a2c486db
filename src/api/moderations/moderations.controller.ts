import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ModerationRequestDto } from './dto/moderation-request.dto';
import { ModerationsService } from './moderations.service';

@Controller()
export class ModerationsController {
  constructor(private readonly moderations: ModerationsService) {}

  @Post(['moderations', 'v1/moderations'])
  @HttpCode(200)
  create(@Body() body: ModerationRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.moderations.create(body, req, res);
  }
}
