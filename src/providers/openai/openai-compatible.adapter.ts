import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  EmbeddingRequest,
  EmbeddingResponse,
  ModerationRequest,
  ModerationResponse,
} from '../../common/openai/openai.types';
import type { TextCompletion, TextCompletionChunk, TextCompletionRequest } from '../../common/openai/text-completion.types';
import { BadGatewayError } from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import type { CallOptions, ChatStream, NativeResponse, NativeResponseEvent, NativeResponseRequest, ProviderAdapter } from '../provider-adapter.interface';
import { readSse } from '../shared/stream-readers';
import { postProviderJson } from '../shared/provider-json.client';
import { readJson, UpstreamResponse } from '../shared/upstream-http.client';
import { mapOpenAIError } from './openai.errors';

/** OpenAI's models of the legacy Completions API. */
const OPENAI_COMPLETION_MODELS = /^(gpt-3\.?5-turbo-instruct|davinci-002|babbage-002|text-(davinci|curie|babbage|ada)-|code-(davinci|cushman)-)/;

export type OpenAIEndpoint = 'chat/completions' | 'completions' | 'embeddings' | 'moderations' | 'responses';

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

  /**
   * Whether the deployment's model answers `/completions`, as LiteLLM reads it:
   * `text-completion-openai/` and `azure_text/` deployments, `model_info.mode:
   * completion`, and OpenAI's own completion models. Chat models (gpt-4o, …)
   * refuse that endpoint, so their legacy calls are bridged onto chat.
   */
  servesCompletions(deployment: Deployment): boolean {
    return (
      /^(text-completion-openai|azure_text)\//.test(deployment.params.model) ||
      deployment.modelInfo.mode === 'completion' ||
      OPENAI_COMPLETION_MODELS.test(deployment.upstreamModel)
    );
  }

  /** The legacy Completions API, passed through with the upstream model name. */
  async completions(request: TextCompletionRequest, deployment: Deployment, options: CallOptions): Promise<TextCompletion> {
    const body = { ...request, model: deployment.upstreamModel, stream: false };
    delete body.stream_options;
    const res = await this.post(deployment, 'completions', body, options);
    return readJson<TextCompletion>(res, this.name);
  }

  async completionsStream(request: TextCompletionRequest, deployment: Deployment, options: CallOptions): Promise<AsyncIterable<TextCompletionChunk>> {
    const body: TextCompletionRequest = { ...request, model: deployment.upstreamModel, stream: true };
    if (this.requestsStreamUsage(deployment)) body.stream_options = { ...request.stream_options, include_usage: true };
    const res = await this.post(deployment, 'completions', body, options);
    return this.chunks<TextCompletionChunk>(res);
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

  private async *chunks<T = ChatCompletionChunk>(res: UpstreamResponse): AsyncGenerator<T> {
    for await (const parsed of this.events<T | { error?: { message?: string } }>(res)) {
      if (parsed && typeof parsed === 'object' && 'error' in parsed && parsed.error) {
        throw mapOpenAIError(this.name, 500, JSON.stringify(parsed), {});
      }
      yield parsed as T;
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
