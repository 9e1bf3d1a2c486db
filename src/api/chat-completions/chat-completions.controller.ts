import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ChatCompletionsService } from './chat-completions.service';
import { ChatCompletionRequestDto } from './dto/chat-completion-request.dto';

@Controller()
export class ChatCompletionsController {
  constructor(private readonly chat: ChatCompletionsService) {}

  @Post(['chat/completions', 'v1/chat/completions'])
  @HttpCode(200)
  create(@Body() body: ChatCompletionRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.chat.create(body, req, res);
  }
}
