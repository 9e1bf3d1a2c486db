import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  EmbeddingRequest,
  EmbeddingResponse,
  ModerationRequest,
  ModerationResponse,
} from '../../common/openai/openai.types';
import { BadGatewayError } from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import type { CallOptions, ChatStream, NativeResponse, NativeResponseEvent, NativeResponseRequest, ProviderAdapter } from '../provider-adapter.interface';
import { readSse } from '../shared/stream-readers';
import { postProviderJson } from '../shared/provider-json.client';
import { readJson, UpstreamResponse } from '../shared/upstream-http.client';
import { mapOpenAIError } from './openai.errors';

export type OpenAIEndpoint = 'chat/completions' | 'embeddings' | 'moderations' | 'responses';

/**
 * Speaks the OpenAI wire format to any server that does: OpenAI itself,
 * vLLM, Ollama's `/v1`, LM Studio, and (with its own URL and key header) Azure.
 * Subclasses change where the call goes and how it is authenticated.
 */
export abstract class OpenAICompatibleAdapter implements ProviderAdapter {
  abstract readonly name: string;

  protected abstract url(deployment: Deployment, endpoint: OpenAIEndpoint): string;

  protected authHeaders(deployment: Deployment): Record<string, string> {
    const key = deployment.params.api_key;
    return key ? { authorization: `Bearer ${key}` } : {};
  }

  /** Whether to ask upstream for the usage chunk even when the client did not. */
  protected requestsStreamUsage(_deployment: Deployment): boolean {
    return true;
  }

  async chat(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatCompletion> {
    const body = { ...request, model: deployment.upstreamModel, stream: false };
    delete body.stream_options;
    const res = await this.post(deployment, 'chat/completions', body, options);
    return readJson<ChatCompletion>(res, this.name);
  }

  async chatStream(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatStream> {
    const body: ChatCompletionRequest = { ...request, model: deployment.upstreamModel, stream: true };
    if (this.requestsStreamUsage(deployment)) body.stream_options = { ...request.stream_options, include_usage: true };
    const res = await this.post(deployment, 'chat/completions', body, options);
    return this.chunks(res);
  }

  async embeddings(request: EmbeddingRequest, deployment: Deployment, options: CallOptions): Promise<EmbeddingResponse> {
    const res = await this.post(deployment, 'embeddings', { ...request, model: deployment.upstreamModel }, options);
    return readJson<EmbeddingResponse>(res, this.name);
  }

  async moderations(request: ModerationRequest, deployment: Deployment, options: CallOptions): Promise<ModerationResponse> {
    const res = await this.post(deployment, 'moderations', { ...request, model: deployment.upstreamModel }, options);
    return readJson<ModerationResponse>(res, this.name);
  }

  /** The Responses API, for subclasses whose server has one (they expose it as `responses`). */
  protected async nativeResponse(request: NativeResponseRequest, deployment: Deployment, options: CallOptions): Promise<NativeResponse> {
    const res = await this.post(deployment, 'responses', { ...request, model: deployment.upstreamModel, stream: false }, options);
    return readJson<NativeResponse>(res, this.name);
  }

  /** Its event stream, passed through event by event (`response.failed` and `error` included). */
  protected async nativeResponseStream(request: NativeResponseRequest, deployment: Deployment, options: CallOptions): Promise<AsyncIterable<NativeResponseEvent>> {
    const res = await this.post(deployment, 'responses', { ...request, model: deployment.upstreamModel, stream: true }, options);
    return this.events<NativeResponseEvent>(res);
  }

  private async *chunks(res: UpstreamResponse): ChatStream {
    for await (const parsed of this.events<ChatCompletionChunk | { error?: { message?: string } }>(res)) {
      if ('error' in parsed && parsed.error) {
        throw mapOpenAIError(this.name, 500, JSON.stringify(parsed), {});
      }
      yield parsed as ChatCompletionChunk;
    }
  }

  private async *events<T>(res: UpstreamResponse): AsyncGenerator<T> {
    for await (const event of readSse(res.body, this.name)) {
      if (event.data === '[DONE]') return;
      let parsed: T;
      try {
        parsed = JSON.parse(event.data) as T;
      } catch {
        throw new BadGatewayError(`${this.name} sent a stream event that is not JSON`, { provider: this.name });
      }
      yield parsed;
    }
  }

  protected async post(
    deployment: Deployment,
    endpoint: OpenAIEndpoint,
    body: unknown,
    options: CallOptions,
  ): Promise<UpstreamResponse> {
    return postProviderJson({
      provider: this.name,
      url: this.url(deployment, endpoint),
      deployment,
      options,
      body,
      headers: this.authHeaders(deployment),
      mapError: (status, text, headers) => mapOpenAIError(this.name, status, text, headers),
    });
  }
}

/** `https://host/v1/` → `https://host/v1` */
export function trimBase(base: string): string {
  return base.endsWith('/') ? base.replace(/\/+$/, '') : base;
}
