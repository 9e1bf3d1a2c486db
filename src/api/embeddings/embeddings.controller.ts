import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EmbeddingRequestDto } from './dto/embedding-request.dto';
import { EmbeddingsService } from './embeddings.service';

@Controller()
export class EmbeddingsController {
  constructor(private readonly embeddings: EmbeddingsService) {}

  @Post(['embeddings', 'v1/embeddings'])
  @HttpCode(200)
  create(@Body() body: EmbeddingRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.embeddings.create(body, req, res);
  }
}
