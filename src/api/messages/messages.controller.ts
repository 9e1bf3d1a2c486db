import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CountTokensRequestDto } from './dto/count-tokens-request.dto';
import { MessagesRequestDto } from './dto/messages-request.dto';
import { MessagesService } from './messages.service';

/** Anthropic's Messages API (SPEC 13); its errors leave in Anthropic's shape (the one filter picks it by route). */
@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post('v1/messages')
  @HttpCode(200)
  create(@Body() body: MessagesRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.messages.create(body, req, res);
  }

  @Post('v1/messages/count_tokens')
  @HttpCode(200)
  countTokens(@Body() body: CountTokensRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.messages.countTokens(body, req, res);
  }
}
