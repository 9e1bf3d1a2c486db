import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { callOf } from '../../common/context/request-context';
import type { EmbeddingRequest, EmbeddingResponse } from '../../common/openai/openai.types';
import { encodeEmbedding } from '../../providers/shared/embedding-encoding';
import { RoutingService } from '../../routing/routing.service';
import { withoutGatewayFields } from '../shared/gateway-params.dto';
import { abortOnClientClose, routingHeaders, sendJson } from '../shared/model-call.responder';
import { RequestOverridesFactory } from '../shared/request-overrides.factory';
import type { EmbeddingRequestDto } from './dto/embedding-request.dto';
import { decodeTokenInputFor } from './token-input.decoder';

@Injectable()
export class EmbeddingsService {
  constructor(
    private readonly routing: RoutingService,
    private readonly overrides: RequestOverridesFactory,
  ) {}

  async create(body: EmbeddingRequestDto, req: Request, res: Response): Promise<void> {
    const call = callOf(req);
    call.route = 'embeddings';
    call.model = body.model;
    const request = withoutGatewayFields(body) as EmbeddingRequest;
    const result = await this.routing.execute<EmbeddingResponse>({
      model: body.model,
      call,
      signal: abortOnClientClose(res),
      overrides: await this.overrides.fromBody(body, call.caller),
      capability: 'embeddings',
      invoke: (adapter, deployment, options) => adapter.embeddings!(decodeTokenInputFor(deployment.provider, request), deployment, options),
      tokensOf: (r) => r.usage?.total_tokens,
    });
    if (request.encoding_format === 'base64') encodeEmbeddingsBase64(result.value);
    const usage = result.value.usage;
    if (usage) call.usage = { prompt_tokens: usage.prompt_tokens, completion_tokens: 0, total_tokens: usage.total_tokens };
    call.output = { embeddings: result.value.data?.length ?? 0 };
    sendJson(res, call, routingHeaders(call, result), result.value);
  }
}

/**
 * `encoding_format: "base64"` (the JS SDK's default) for whatever came back as
 * floats — the mock, and any adapter that did not encode: the same encoding
 * the provider mappers use, so there is one definition of it.
 */
export function encodeEmbeddingsBase64(response: EmbeddingResponse): void {
  for (const item of response.data ?? []) {
    if (Array.isArray(item.embedding)) item.embedding = encodeEmbedding(item.embedding, 'base64');
  }
}
