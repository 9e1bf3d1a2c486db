import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CompletionsService } from './completions.service';
import { CompletionRequestDto } from './dto/completion-request.dto';

/** The legacy Completions API. */
@Controller()
export class CompletionsController {
  constructor(private readonly completions: CompletionsService) {}

  @Post(['completions', 'v1/completions'])
  @HttpCode(200)
  create(@Body() body: CompletionRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.completions.create(body, req, res);
  }
}
