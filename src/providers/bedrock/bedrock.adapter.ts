import { randomUUID } from 'node:crypto';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, EmbeddingRequest, EmbeddingResponse } from '../../common/openai/openai.types';
import { BadGatewayError } from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import type { CallOptions, ChatStream, NativeMessage, NativeMessageEvent, NativeMessagesRequest, ProviderAdapter } from '../provider-adapter.interface';
import { mapAnthropicStreamError } from '../anthropic/anthropic.errors';
import { decodeMessagesChunk, isBedrockAnthropicModel, toBedrockMessagesCall } from './bedrock.anthropic-messages';
import { nowSeconds } from '../shared/chat-chunk.factory';
import { primeStream } from '../shared/primed-stream';
import { headerValue, readJson, readText, sendUpstream, UpstreamResponse } from '../shared/upstream-http.client';
import { Env, resolveBedrockTarget } from './bedrock.config';
import {
  cohereBody,
  CohereEmbeddingResponse,
  embeddingFamily,
  embeddingInputs,
  fromCohere,
  fromTitan,
  titanBody,
  TitanEmbeddingResponse,
} from './bedrock.embeddings.mapper';
import { mapBedrockError, mapBedrockStreamException } from './bedrock.errors';
import { payloadText, readAwsEventStream } from './bedrock.event-stream';
import { toConverseRequest } from './bedrock.request.mapper';
import { fromConverseResponse } from './bedrock.response.mapper';
import { encodePathSegment, signBedrockRequest } from './bedrock.signer';
import { BedrockStreamMapper } from './bedrock.stream.mapper';
import type { ConverseResponse, ConverseStreamEvent } from './bedrock.types';

type BedrockOperation = 'converse' | 'converse-stream' | 'invoke' | 'invoke-with-response-stream';

/** Cohere on Bedrock takes at most 96 texts a call. */
const COHERE_BATCH = 96;
/** Titan embeds one text a call; a few in parallel keeps big batches quick without a burst. */
const TITAN_CONCURRENCY = 8;

/**
 * `bedrock/<model id>`: AWS Bedrock's Converse API for chat, ConverseStream
 * (AWS event-stream framing) for streams, InvokeModel for Titan and Cohere
 * embeddings and, for Anthropic models, `/v1/messages` callers' own bodies;
 * every call signed with SigV4.
 */
export class BedrockAdapter implements ProviderAdapter {
  readonly name = 'bedrock';

  /** `env` is read per call; tests pass their own. */
  constructor(private readonly env: Env = process.env) {}

  async chat(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatCompletion> {
    const body = toConverseRequest(request, deployment);
    const res = await this.send(deployment, 'converse', body, options);
    return fromConverseResponse(await readJson<ConverseResponse>(res, this.name), deployment.upstreamModel);
  }

  async chatStream(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatStream> {
    const body = toConverseRequest(request, deployment);
    const res = await this.send(deployment, 'converse-stream', body, options);
    const mapper = new BedrockStreamMapper({ id: `chatcmpl-${randomUUID()}`, model: deployment.upstreamModel, created: nowSeconds() });
    // The first event is awaited here, so an exception event that opens the stream is thrown by chatStream (retryable).
    return primeStream(this.chunks(res, mapper));
  }

  async embeddings(request: EmbeddingRequest, deployment: Deployment, options: CallOptions): Promise<EmbeddingResponse> {
    const family = embeddingFamily(deployment.upstreamModel);
    const texts = embeddingInputs(request);
    const drop = deployment.params.drop_params;
    if (family === 'cohere') {
      const results: EmbeddingResponse[] = [];
      for (let i = 0; i < texts.length; i += COHERE_BATCH) {
        const res = await this.send(deployment, 'invoke', cohereBody(texts.slice(i, i + COHERE_BATCH), request, drop), options);
        const tokens = Number(headerValue(res.headers, 'x-amzn-bedrock-input-token-count') ?? 0) || 0;
        results.push(fromCohere(await readJson<CohereEmbeddingResponse>(res, this.name), deployment.upstreamModel, request.encoding_format, tokens));
      }
      return mergeEmbeddings(results);
    }
    const responses: TitanEmbeddingResponse[] = new Array(texts.length);
    for (let i = 0; i < texts.length; i += TITAN_CONCURRENCY) {
      await Promise.all(
        texts.slice(i, i + TITAN_CONCURRENCY).map(async (text, j) => {
          const res = await this.send(deployment, 'invoke', titanBody(text, family, request, drop), options);
          responses[i + j] = await readJson<TitanEmbeddingResponse>(res, this.name);
        }),
      );
    }
    return fromTitan(responses, deployment.upstreamModel, request.encoding_format);
  }

  servesMessages(deployment: Deployment): boolean {
    return isBedrockAnthropicModel(deployment.upstreamModel);
  }

  /** InvokeModel with the caller's Messages body (Anthropic models only, see `servesMessages`). */
  async messages(request: NativeMessagesRequest, deployment: Deployment, options: CallOptions): Promise<NativeMessage> {
    const call = toBedrockMessagesCall(request, options);
    const res = await this.send(deployment, 'invoke', call.body, call.options);
    return readJson<NativeMessage>(res, this.name);
  }

  async messagesStream(request: NativeMessagesRequest, deployment: Deployment, options: CallOptions): Promise<AsyncIterable<NativeMessageEvent>> {
    const call = toBedrockMessagesCall(request, options);
    const res = await this.send(deployment, 'invoke-with-response-stream', call.body, call.options);
    return primeStream(this.messageEvents(res));
  }

  private async *messageEvents(res: UpstreamResponse): AsyncGenerator<NativeMessageEvent> {
    for await (const message of readAwsEventStream(res.body, this.name)) {
      const type = message.headers[':message-type'] ?? 'event';
      const text = payloadText(message);
      if (type === 'exception' || type === 'error') throw mapBedrockStreamException(message.headers, text);
      if ((message.headers[':event-type'] ?? 'chunk') !== 'chunk') continue;
      const event = decodeMessagesChunk(text);
      if (event.type === 'error') throw mapAnthropicStreamError(event.error as { type?: string; message?: string } | undefined);
      yield event;
    }
  }

  private async *chunks(res: UpstreamResponse, mapper: BedrockStreamMapper): AsyncGenerator<ChatCompletionChunk> {
    for await (const message of readAwsEventStream(res.body, this.name)) {
      const type = message.headers[':message-type'] ?? 'event';
      const text = payloadText(message);
      if (type === 'exception' || type === 'error') throw mapBedrockStreamException(message.headers, text);
      let event: ConverseStreamEvent;
      try {
        event = text ? (JSON.parse(text) as ConverseStreamEvent) : {};
      } catch {
        throw new BadGatewayError(`${this.name} sent a stream event that is not JSON`, { provider: this.name });
      }
      yield* mapper.map(message.headers[':event-type'] ?? '', event);
    }
  }

  /** Signs and sends one call; an error status becomes the mapped GatewayError. */
  private async send(deployment: Deployment, operation: BedrockOperation, body: unknown, options: CallOptions): Promise<UpstreamResponse> {
    const target = resolveBedrockTarget(deployment.params, this.env);
    const url = new URL(`${target.endpoint}/model/${encodePathSegment(deployment.upstreamModel)}/${operation}`);
    const payload = JSON.stringify(body);
    const headers = await signBedrockRequest(
      {
        url,
        method: 'POST',
        headers: {
          ...options.forwardHeaders,
          ...deployment.params.extra_headers,
          'content-type': 'application/json',
          accept: operation === 'converse-stream' || operation === 'invoke-with-response-stream' ? 'application/vnd.amazon.eventstream' : 'application/json',
        },
        body: payload,
      },
      target.credentials,
      target.region,
    );
    const res = await sendUpstream({
      url: url.toString(),
      headers,
      body: payload,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      provider: this.name,
    });
    if (res.status >= 400) throw mapBedrockError(res.status, await readText(res.body, 64 * 1024), res.headers);
    return res;
  }
}

function mergeEmbeddings(parts: EmbeddingResponse[]): EmbeddingResponse {
  const [head] = parts;
  let index = 0;
  const tokens = parts.reduce((n, p) => n + p.usage.prompt_tokens, 0);
  return {
    ...head,
    data: parts.flatMap((p) => p.data.map((d) => ({ ...d, index: index++ }))),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
