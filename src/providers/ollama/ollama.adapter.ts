import { randomUUID } from 'node:crypto';
import type { ChatCompletion, ChatCompletionRequest, EmbeddingRequest, EmbeddingResponse } from '../../common/openai/openai.types';
import type { Deployment } from '../../deployments/deployment';
import { trimBase } from '../openai/openai-compatible.adapter';
import type { CallOptions, ChatStream, ProviderAdapter } from '../provider-adapter.interface';
import { primeStream } from '../shared/primed-stream';
import { readNdjson } from '../shared/stream-readers';
import { postProviderJson } from '../shared/provider-json.client';
import { readJson, UpstreamResponse } from '../shared/upstream-http.client';
import { fromOllamaEmbedResponse, toOllamaEmbedRequest } from './ollama-embed.mapper';
import { toOllamaRequest } from './ollama-request.mapper';
import { fromOllamaResponse } from './ollama-response.mapper';
import { OllamaStreamMapper } from './ollama-stream.mapper';
import { mapOllamaError, mapOllamaStreamError } from './ollama.errors';
import type { OllamaChatResponse, OllamaEmbedResponse } from './ollama.types';

export const OLLAMA_DEFAULT_BASE = 'http://localhost:11434';

/** `ollama/<model>` (and `ollama_chat/`): Ollama's native chat and embed API, answered in the OpenAI format. */
export class OllamaAdapter implements ProviderAdapter {
  readonly name = 'ollama';

  async chat(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatCompletion> {
    const res = await this.post(deployment, 'chat', toOllamaRequest(request, deployment, false), options);
    const body = await readJson<OllamaChatResponse>(res, this.name);
    if (body.error) throw mapOllamaStreamError(body.error);
    return fromOllamaResponse(body);
  }

  async chatStream(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatStream> {
    const res = await this.post(deployment, 'chat', toOllamaRequest(request, deployment, true), options);
    return primeStream(this.chunks(res, new OllamaStreamMapper(`chatcmpl-${randomUUID()}`)));
  }

  async embeddings(request: EmbeddingRequest, deployment: Deployment, options: CallOptions): Promise<EmbeddingResponse> {
    const res = await this.post(deployment, 'embed', toOllamaEmbedRequest(request, deployment), options);
    return fromOllamaEmbedResponse(await readJson<OllamaEmbedResponse>(res, this.name), request);
  }

  private async *chunks(res: UpstreamResponse, mapper: OllamaStreamMapper): ChatStream {
    // A line that is not JSON surfaces from readNdjson as a 502.
    for await (const line of readNdjson<OllamaChatResponse>(res.body, this.name)) yield* mapper.map(line);
    mapper.end();
  }

  private async post(deployment: Deployment, endpoint: 'chat' | 'embed', body: unknown, options: CallOptions): Promise<UpstreamResponse> {
    // Ollama itself takes no key; one set on the deployment is for a proxy in front of it.
    const key = deployment.params.api_key;
    return postProviderJson({
      provider: this.name,
      url: `${trimBase(deployment.params.api_base ?? OLLAMA_DEFAULT_BASE)}/api/${endpoint}`,
      deployment,
      options,
      body,
      headers: key ? { authorization: `Bearer ${key}` } : {},
      mapError: mapOllamaError,
    });
  }
}
