import { Module } from '@nestjs/common';
import { AzureDeploymentsController } from './azure/azure-deployments.controller';
import { ChatCompletionsController } from './chat-completions/chat-completions.controller';
import { ChatCompletionsService } from './chat-completions/chat-completions.service';
import { EmbeddingsController } from './embeddings/embeddings.controller';
import { EmbeddingsService } from './embeddings/embeddings.service';
import { ModelsController } from './models/models.controller';
import { ModelsService } from './models/models.service';
import { ModerationsController } from './moderations/moderations.controller';
import { ModerationsService } from './moderations/moderations.service';
import { RequestOverridesFactory } from './shared/request-overrides.factory';

/** The OpenAI-compatible endpoints. */
@Module({
  controllers: [ChatCompletionsController, EmbeddingsController, ModerationsController, AzureDeploymentsController, ModelsController],
  providers: [ChatCompletionsService, EmbeddingsService, ModerationsService, ModelsService, RequestOverridesFactory],
})
export class ApiModule {}
