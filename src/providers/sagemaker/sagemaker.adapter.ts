import { randomUUID } from 'node:crypto';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, EmbeddingRequest, EmbeddingResponse } from '../../common/openai/openai.types';
import { BadGatewayError } from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import type { CallOptions, ChatStream, ProviderAdapter } from '../provider-adapter.interface';
import { payloadText, readAwsEventStream } from '../shared/aws/aws-event-stream';
import { encodePathSegment, signAwsRequest } from '../shared/aws/aws-signer';
import { nowSeconds } from '../shared/chat-chunk.factory';
import { primeStream } from '../shared/primed-stream';
import { readSse } from '../shared/stream-readers';
import { readJson, readText, sendUpstream, UpstreamResponse } from '../shared/upstream-http.client';
import { Env, resolveSageMakerTarget, SAGEMAKER_SIGNING_SERVICE } from './sagemaker.config';
import { embeddingInputs, teiBody, toEmbeddingResponse, vectorsOf } from './sagemaker.embeddings.mapper';
import { mapSageMakerError, mapSageMakerStreamException, mapTgiStreamError } from './sagemaker.errors';
import { toTgiChatRequest } from './sagemaker.request.mapper';
import { fromTgiChatCompletion } from './sagemaker.response.mapper';
import { TgiStreamMapper } from './sagemaker.stream.mapper';
import type { SageMakerEmbeddingResponse, TgiChatCompletion, TgiChatCompletionChunk, TgiErrorBody } from './sagemaker.types';

type SageMakerOperation = 'invocations' | 'invocations-response-stream';

/** TEI's default `--max-client-batch-size`: a larger batch is refused with a 422. */
const TEI_BATCH = 32;

/**
 * `sagemaker/<endpoint name>`: a SageMaker real-time endpoint running a Hugging
 * Face container. Chat goes to TGI's Messages API through InvokeEndpoint, and
 * streams through InvokeEndpointWithResponseStream, whose `PayloadPart` events
 * carry TGI's own SSE bytes; embeddings go to TEI. Every call is SigV4-signed
 * for the `sagemaker` service.
 */
export class SageMakerAdapter implements ProviderAdapter {
  readonly name = 'sagemaker';

  /** `env` is read per call; tests pass their own. */
  constructor(private readonly env: Env = process.env) {}

  async chat(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatCompletion> {
    const res = await this.send(deployment, 'invocations', toTgiChatRequest(request, deployment, false), options);
    return fromTgiChatCompletion(await readJson<TgiChatCompletion>(res, this.name), deployment.upstreamModel);
  }

  async chatStream(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatStream> {
    const res = await this.send(deployment, 'invocations-response-stream', toTgiChatRequest(request, deployment, true), options);
    const mapper = new TgiStreamMapper({ id: `chatcmpl-${randomUUID()}`, model: deployment.upstreamModel, created: nowSeconds() });
    // The first chunk is awaited here, so an error event that opens the stream is thrown by chatStream (retryable).
    return primeStream(this.chunks(res, mapper));
  }

  async embeddings(request: EmbeddingRequest, deployment: Deployment, options: CallOptions): Promise<EmbeddingResponse> {
    const texts = embeddingInputs(request);
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += TEI_BATCH) {
      const batch = texts.slice(i, i + TEI_BATCH);
      const res = await this.send(deployment, 'invocations', teiBody(batch, request), options, 'input');
      vectors.push(...vectorsOf(await readJson<SageMakerEmbeddingResponse>(res, this.name), batch.length));
    }
    return toEmbeddingResponse(vectors, texts, deployment.upstreamModel, request.encoding_format);
  }

  private async *chunks(res: UpstreamResponse, mapper: TgiStreamMapper): AsyncGenerator<ChatCompletionChunk> {
    // readSse only iterates its body; the payload bytes are such an iterable.
    const sse = readSse(this.payloadBytes(res) as unknown as UpstreamResponse['body'], this.name);
    for await (const event of sse) {
      if (event.data === '[DONE]') break;
      let parsed: TgiChatCompletionChunk & TgiErrorBody;
      try {
        parsed = JSON.parse(event.data) as TgiChatCompletionChunk & TgiErrorBody;
      } catch {
        throw new BadGatewayError(`${this.name} sent a stream event that is not JSON`, { provider: this.name });
      }
      if (parsed.error !== undefined && parsed.error !== null) throw mapTgiStreamError(parsed);
      yield* mapper.map(parsed);
    }
    yield* mapper.end();
  }

  /**
   * The container's own stream: the bytes of each `PayloadPart`, in order. A
   * part may end anywhere, mid-line included; the SSE reader joins them.
   */
  private async *payloadBytes(res: UpstreamResponse): AsyncGenerator<Buffer> {
    for await (const message of readAwsEventStream(res.body, this.name)) {
      const type = message.headers[':message-type'] ?? 'event';
      if (type === 'exception' || type === 'error') throw mapSageMakerStreamException(message.headers, payloadText(message));
      if ((message.headers[':event-type'] ?? 'PayloadPart') === 'PayloadPart') yield Buffer.from(message.body);
    }
  }

  /** Signs and sends one call; an error status becomes the mapped GatewayError. */
  private async send(deployment: Deployment, operation: SageMakerOperation, body: unknown, options: CallOptions, inputParam = 'messages'): Promise<UpstreamResponse> {
    const target = resolveSageMakerTarget(deployment.params, this.env);
    const url = new URL(`${target.endpoint}/endpoints/${encodePathSegment(deployment.upstreamModel)}/${operation}`);
    const payload = JSON.stringify(body);
    const streaming = operation === 'invocations-response-stream';
    const headers = await signAwsRequest(
      {
        url,
        method: 'POST',
        headers: {
          ...options.forwardHeaders,
          ...deployment.params.extra_headers,
          'content-type': 'application/json',
          // The streaming operation passes the container's Accept in its own header.
          ...(streaming ? { accept: 'application/vnd.amazon.eventstream', 'x-amzn-sagemaker-accept': 'text/event-stream' } : { accept: 'application/json' }),
        },
        body: payload,
      },
      target.credentials,
      target.region,
      SAGEMAKER_SIGNING_SERVICE,
    );
    const res = await sendUpstream({
      url: url.toString(),
      headers,
      body: payload,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      provider: this.name,
    });
    if (res.status >= 400) throw mapSageMakerError(res.status, await readText(res.body, 64 * 1024), res.headers, inputParam);
    return res;
  }
}
