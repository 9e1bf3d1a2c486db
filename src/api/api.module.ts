import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { CallTrackingMiddleware } from '../observability/call-tracking/call-tracking.middleware';
import { AzureDeploymentsController } from './azure/azure-deployments.controller';
import { ChatCompletionsController } from './chat-completions/chat-completions.controller';
import { ChatCompletionsService } from './chat-completions/chat-completions.service';
import { CompletionsController } from './completions/completions.controller';
import { CompletionsService } from './completions/completions.service';
import { EmbeddingsController } from './embeddings/embeddings.controller';
import { EmbeddingsService } from './embeddings/embeddings.service';
import { MessagesController } from './messages/messages.controller';
import { MessagesService } from './messages/messages.service';
import { ModelsController } from './models/models.controller';
import { ModelsService } from './models/models.service';
import { ModerationsController } from './moderations/moderations.controller';
import { ModerationsService } from './moderations/moderations.service';
import { ResponsesController } from './responses/responses.controller';
import { ResponsesService } from './responses/responses.service';
import { RESPONSES_STORE_PROVIDER } from './responses/store/responses-store.provider';
import { MODEL_CALL_ROUTES } from './shared/model-call.routes';
import { RequestOverridesFactory } from './shared/request-overrides.factory';

/** The OpenAI-compatible endpoints. */
@Module({
  controllers: [ChatCompletionsController, EmbeddingsController, ModerationsController, AzureDeploymentsController, ModelsController, ResponsesController, CompletionsController, MessagesController],
  providers: [ChatCompletionsService, EmbeddingsService, ModerationsService, ModelsService, RequestOverridesFactory, ResponsesService, RESPONSES_STORE_PROVIDER, CompletionsService, MessagesService],
})
export class ApiModule implements NestModule {
  /** Every model call's metadata and, once it has ended, its event to the sinks. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CallTrackingMiddleware).forRoutes(...MODEL_CALL_ROUTES);
  }
}
