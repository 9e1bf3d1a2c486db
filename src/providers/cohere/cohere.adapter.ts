import { BadGatewayError } from '../../common/errors';
import type { ChatCompletion, ChatCompletionRequest, EmbeddingRequest, EmbeddingResponse } from '../../common/openai/openai.types';
import type { Deployment } from '../../deployments/deployment';
import { trimBase } from '../openai/openai-compatible.adapter';
import type { CallOptions, ChatStream, ProviderAdapter } from '../provider-adapter.interface';
import { primeStream } from '../shared/primed-stream';
import { readSse } from '../shared/stream-readers';
import { postProviderJson } from '../shared/provider-json.client';
import { readJson, UpstreamResponse } from '../shared/upstream-http.client';
import { fromCohereEmbedResponse, toCohereEmbedRequest } from './cohere-embed.mapper';
import { toCohereRequest } from './cohere-request.mapper';
import { fromCohereResponse } from './cohere-response.mapper';
import { CohereStreamMapper } from './cohere-stream.mapper';
import { mapCohereError } from './cohere.errors';
import type { CohereChatResponse, CohereEmbedResponse, CohereStreamEvent } from './cohere.types';

export const COHERE_DEFAULT_BASE = 'https://api.cohere.com';

/** `cohere/<model>`: Cohere's Chat v2 and Embed v2, answered in the OpenAI format. */
export class CohereAdapter implements ProviderAdapter {
  readonly name = 'cohere';

  async chat(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatCompletion> {
    const res = await this.post(deployment, 'chat', toCohereRequest(request, deployment, false), options);
    return fromCohereResponse(await readJson<CohereChatResponse>(res, this.name), deployment.upstreamModel);
  }

  async chatStream(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatStream> {
    const res = await this.post(deployment, 'chat', toCohereRequest(request, deployment, true), options);
    return primeStream(this.chunks(res, new CohereStreamMapper(deployment.upstreamModel)));
  }

  async embeddings(request: EmbeddingRequest, deployment: Deployment, options: CallOptions): Promise<EmbeddingResponse> {
    const res = await this.post(deployment, 'embed', toCohereEmbedRequest(request, deployment), options);
    return fromCohereEmbedResponse(await readJson<CohereEmbedResponse>(res, this.name), request, deployment.upstreamModel);
  }

  private async *chunks(res: UpstreamResponse, mapper: CohereStreamMapper): ChatStream {
    for await (const event of readSse(res.body, this.name)) {
      if (event.data === '[DONE]') break;
      let parsed: CohereStreamEvent;
      try {
        parsed = JSON.parse(event.data) as CohereStreamEvent;
      } catch {
        throw new BadGatewayError(`${this.name} sent a stream event that is not JSON`, { provider: this.name });
      }
      yield* mapper.map({ ...parsed, type: parsed.type ?? event.event });
    }
    mapper.end();
  }

  private async post(deployment: Deployment, endpoint: 'chat' | 'embed', body: unknown, options: CallOptions): Promise<UpstreamResponse> {
    const key = deployment.params.api_key;
    return postProviderJson({
      provider: this.name,
      url: cohereUrl(deployment.params.api_base, endpoint),
      deployment,
      options,
      body,
      headers: key ? { authorization: `Bearer ${key}` } : {},
      mapError: mapCohereError,
    });
  }
}

/** Accepts a base with or without the `/v2` suffix. */
export function cohereUrl(apiBase: string | undefined, endpoint: 'chat' | 'embed'): string {
  const base = trimBase(apiBase ?? COHERE_DEFAULT_BASE);
  return base.endsWith('/v2') ? `${base}/${endpoint}` : `${base}/v2/${endpoint}`;
}
