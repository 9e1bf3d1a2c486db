import { randomUUID } from 'node:crypto';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, EmbeddingRequest, EmbeddingResponse } from '../../common/openai/openai.types';
import { AuthenticationError, BadGatewayError } from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import type { CallOptions, ChatStream, ProviderAdapter } from '../provider-adapter.interface';
import { nowSeconds } from '../shared/chat-chunk.factory';
import { primeStream } from '../shared/primed-stream';
import { readSse } from '../shared/stream-readers';
import { postProviderJson } from '../shared/provider-json.client';
import { readJson, UpstreamResponse } from '../shared/upstream-http.client';
import { embeddingCall, embeddingTexts, fromEmbeddingResponse, qualifiedModel } from './gemini.embeddings.mapper';
import { mapGeminiError } from './gemini.errors';
import { toGenerateContentRequest } from './gemini.request.mapper';
import { fromGenerateContentResponse } from './gemini.response.mapper';
import { GeminiStreamMapper } from './gemini.stream.mapper';
import type { GenerateContentResponse, GoogleErrorBody } from './gemini.types';

export const GEMINI_DEFAULT_BASE = 'https://generativelanguage.googleapis.com';

type GeminiMethod = 'generateContent' | 'streamGenerateContent' | 'embedContent' | 'batchEmbedContents';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * `gemini/<model>`: Google's Gemini API (Generative Language, v1beta):
 * generateContent, streamGenerateContent as SSE, embedContent and
 * batchEmbedContents. The key goes in `x-goog-api-key`, never in the URL.
 */
export class GeminiAdapter implements ProviderAdapter {
  readonly name = 'gemini';

  /** `env` is read per call (GEMINI_API_KEY fallback); tests pass their own. */
  constructor(private readonly env: Env = process.env) {}

  async chat(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatCompletion> {
    const body = toGenerateContentRequest(request, deployment);
    const res = await this.send(deployment, deployment.upstreamModel, 'generateContent', body, options);
    return fromGenerateContentResponse(await readJson<GenerateContentResponse>(res, this.name), deployment.upstreamModel);
  }

  async chatStream(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatStream> {
    const body = toGenerateContentRequest(request, deployment);
    const res = await this.send(deployment, deployment.upstreamModel, 'streamGenerateContent', body, options);
    const mapper = new GeminiStreamMapper({ id: `chatcmpl-${randomUUID()}`, model: deployment.upstreamModel, created: nowSeconds() });
    // The first event is awaited here, so a blocked prompt or an error event is thrown by chatStream (as JSON, retryable).
    return primeStream(this.chunks(res, mapper));
  }

  async embeddings(request: EmbeddingRequest, deployment: Deployment, options: CallOptions): Promise<EmbeddingResponse> {
    const texts = embeddingTexts(request);
    const { method, body } = embeddingCall(texts, deployment.upstreamModel, request);
    const res = await this.send(deployment, deployment.upstreamModel, method, body, options);
    return fromEmbeddingResponse(await readJson(res, this.name), texts.length, deployment.upstreamModel, request.encoding_format);
  }

  private async *chunks(res: UpstreamResponse, mapper: GeminiStreamMapper): AsyncGenerator<ChatCompletionChunk> {
    for await (const event of readSse(res.body, this.name)) {
      let parsed: GenerateContentResponse & GoogleErrorBody;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        throw new BadGatewayError(`${this.name} sent a stream event that is not JSON`, { provider: this.name });
      }
      if (parsed.error) throw mapGeminiError(undefined, event.data, {});
      yield* mapper.map(parsed);
    }
    yield* mapper.finish();
  }

  private async send(deployment: Deployment, model: string, method: GeminiMethod, body: unknown, options: CallOptions): Promise<UpstreamResponse> {
    const key = deployment.params.api_key || this.env.GEMINI_API_KEY || this.env.GOOGLE_API_KEY;
    if (!key) throw new AuthenticationError('gemini has no API key: set litellm_params.api_key or GEMINI_API_KEY', { provider: this.name });
    return postProviderJson({
      provider: this.name,
      url: geminiUrl(deployment.params.api_base, model, method),
      deployment,
      options,
      body,
      accept: method === 'streamGenerateContent' ? 'text/event-stream' : 'application/json',
      headers: { 'x-goog-api-key': key },
      mapError: mapGeminiError,
    });
  }
}

/** `{base}/v1beta/models/{model}:{method}`; a base that already names an API version keeps it. */
export function geminiUrl(apiBase: string | undefined, model: string, method: GeminiMethod): string {
  const base = (apiBase || GEMINI_DEFAULT_BASE).replace(/\/+$/, '');
  const versioned = /\/v1(beta|alpha)?\d*$/.test(base) ? base : `${base}/v1beta`;
  const path = qualifiedModel(model).split('/').map(encodeURIComponent).join('/');
  return `${versioned}/${path}:${method}${method === 'streamGenerateContent' ? '?alt=sse' : ''}`;
}
