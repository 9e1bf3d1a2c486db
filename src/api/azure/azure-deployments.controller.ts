import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ChatCompletionsService } from '../chat-completions/chat-completions.service';
import { ChatCompletionRequestDto } from '../chat-completions/dto/chat-completion-request.dto';
import { CompletionsService } from '../completions/completions.service';
import { CompletionRequestDto } from '../completions/dto/completion-request.dto';
import { EmbeddingRequestDto } from '../embeddings/dto/embedding-request.dto';
import { EmbeddingsService } from '../embeddings/embeddings.service';

/**
 * Azure OpenAI client style: `/openai/deployments/{deployment}/…?api-version=…`
 * with the key in `api-key`. The deployment name is the model name.
 */
@Controller('openai/deployments/:deployment')
export class AzureDeploymentsController {
  constructor(
    private readonly chat: ChatCompletionsService,
    private readonly embeddings: EmbeddingsService,
    private readonly completions: CompletionsService,
  ) {}

  @Post('chat/completions')
  @HttpCode(200)
  chatCompletions(@Body() body: ChatCompletionRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.chat.create(body, req, res);
  }

  @Post('completions')
  @HttpCode(200)
  createCompletion(@Body() body: CompletionRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.completions.create(body, req, res);
  }

  @Post('embeddings')
  @HttpCode(200)
  createEmbeddings(@Body() body: EmbeddingRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.embeddings.create(body, req, res);
  }
}
