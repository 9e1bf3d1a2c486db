import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { LoggerService } from '@nestjs/common';
import { azureDeploymentModelMiddleware } from './api/azure/azure-deployment-model.middleware';
import { AppModule } from './app.module';
import { OpenAIExceptionFilter } from './common/filters/openai-exception.filter';
import { answerClientErrorsAsJson } from './common/http/client-error.handler';
import { jsonBodyParser } from './common/middleware/json-body.middleware';
import { requestContextMiddleware } from './common/middleware/request-context.middleware';
import { requireJsonObjectBody } from './common/middleware/require-json-object.middleware';
import { openAIValidationPipe } from './common/pipes/openai-validation.pipe';
import { DEFAULT_MAX_JSON_DEPTH } from './common/validation/json-depth';
import type { LoadedConfig } from './config/loaded-config';
import { GatewayLoggerService } from './observability/logging/gateway-logger.service';

export const DEFAULT_MAX_REQUEST_SIZE_MB = 20;

export interface CreateAppOptions {
  logger?: LoggerService | false;
}

/** Builds the gateway on a validated config; `main.ts` and the e2e tests both start it this way. */
export async function createGatewayApp(config: LoadedConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    // By default Nest's own lines wait for the structured logger, then go through it.
    ...(options.logger === undefined ? { bufferLogs: true } : { logger: options.logger }),
    abortOnError: false,
  });
  if (options.logger === undefined) app.useLogger(app.get(GatewayLoggerService));
  const limitMb = config.general.max_request_size_mb ?? DEFAULT_MAX_REQUEST_SIZE_MB;
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestContextMiddleware);
  const maxDepth = config.general.max_request_json_depth ?? DEFAULT_MAX_JSON_DEPTH;
  app.use(jsonBodyParser({ limitBytes: Math.floor(limitMb * 1024 * 1024), maxDepth }));
  app.use(requireJsonObjectBody);
  app.use(azureDeploymentModelMiddleware);
  app.useGlobalPipes(openAIValidationPipe());
  app.useGlobalFilters(new OpenAIExceptionFilter());
  answerClientErrorsAsJson(app.getHttpServer());
  return app;
}
