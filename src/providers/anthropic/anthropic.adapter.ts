import { BadGatewayError } from '../../common/errors';
import type { ChatCompletion, ChatCompletionRequest } from '../../common/openai/openai.types';
import type { Deployment } from '../../deployments/deployment';
import { trimBase } from '../openai/openai-compatible.adapter';
import type { CallOptions, ChatStream, NativeMessage, NativeMessageEvent, NativeMessagesRequest, ProviderAdapter } from '../provider-adapter.interface';
import { primeStream } from '../shared/primed-stream';
import { readSse } from '../shared/stream-readers';
import { postProviderJson } from '../shared/provider-json.client';
import { readJson, UpstreamResponse } from '../shared/upstream-http.client';
import { toAnthropicRequest } from './anthropic-request.mapper';
import { fromAnthropicResponse } from './anthropic-response.mapper';
import { AnthropicStreamMapper } from './anthropic-stream.mapper';
import { mapAnthropicError, mapAnthropicStreamError } from './anthropic.errors';
import type { AnthropicErrorPayload, AnthropicResponse, AnthropicStreamEvent } from './anthropic.types';

export const ANTHROPIC_DEFAULT_BASE = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2023-06-01';

/** `anthropic/<model>`: the Messages API, answered in the OpenAI format; `/v1/messages` callers get it as it is. */
export class AnthropicAdapter implements ProviderAdapter {
  readonly name = 'anthropic';

  async chat(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatCompletion> {
    const { body, jsonMode } = toAnthropicRequest(request, deployment, false);
    const res = await this.post(deployment, body, options);
    return fromAnthropicResponse(await readJson<AnthropicResponse>(res, this.name), jsonMode);
  }

  async chatStream(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatStream> {
    const { body, jsonMode } = toAnthropicRequest(request, deployment, true);
    const res = await this.post(deployment, body, options);
    return primeStream(this.chunks(res, new AnthropicStreamMapper(deployment.upstreamModel, jsonMode)));
  }

  /** `/v1/messages` natively: the caller's body with only the model replaced. */
  async messages(request: NativeMessagesRequest, deployment: Deployment, options: CallOptions): Promise<NativeMessage> {
    const res = await this.post(deployment, { ...request, model: deployment.upstreamModel }, options);
    return readJson<NativeMessage>(res, this.name);
  }

  async messagesStream(request: NativeMessagesRequest, deployment: Deployment, options: CallOptions): Promise<AsyncIterable<NativeMessageEvent>> {
    const res = await this.post(deployment, { ...request, model: deployment.upstreamModel, stream: true }, options, messagesUrl(deployment.params.api_base), 'text/event-stream');
    return primeStream(this.events(res));
  }

  async countMessageTokens(request: NativeMessagesRequest, deployment: Deployment, options: CallOptions): Promise<{ input_tokens: number }> {
    const url = `${messagesUrl(deployment.params.api_base)}/count_tokens`;
    const res = await this.post(deployment, { ...request, model: deployment.upstreamModel }, options, url);
    const body = await readJson<{ input_tokens?: unknown }>(res, this.name);
    if (typeof body.input_tokens !== 'number') throw new BadGatewayError(`${this.name} answered count_tokens without input_tokens`, { provider: this.name });
    return { input_tokens: body.input_tokens };
  }

  /** The events as Anthropic sent them; an `error` event is thrown, and so is a stream cut short of `message_stop`. */
  private async *events(res: UpstreamResponse): AsyncGenerator<NativeMessageEvent> {
    let stopped = false;
    for await (const event of readSse(res.body, this.name)) {
      const parsed = this.parse(event.data);
      if (parsed.type === 'error') throw mapAnthropicStreamError(parsed.error as AnthropicErrorPayload | undefined);
      if (parsed.type === 'message_stop') stopped = true;
      yield parsed;
    }
    if (!stopped) throw new BadGatewayError(`${this.name} stream ended before message_stop`, { provider: this.name });
  }

  private parse(data: string): NativeMessageEvent {
    try {
      const parsed = JSON.parse(data) as NativeMessageEvent;
      if (parsed && typeof parsed.type === 'string') return parsed;
    } catch {
      // reported below
    }
    throw new BadGatewayError(`${this.name} sent a stream event that is not JSON`, { provider: this.name });
  }

  private async *chunks(res: UpstreamResponse, mapper: AnthropicStreamMapper): ChatStream {
    for await (const event of readSse(res.body, this.name)) {
      let parsed: AnthropicStreamEvent;
      try {
        parsed = JSON.parse(event.data) as AnthropicStreamEvent;
      } catch {
        throw new BadGatewayError(`${this.name} sent a stream event that is not JSON`, { provider: this.name });
      }
      yield* mapper.map(parsed);
    }
    mapper.end();
  }

  private async post(deployment: Deployment, body: unknown, options: CallOptions, url = messagesUrl(deployment.params.api_base), accept?: string): Promise<UpstreamResponse> {
    const key = deployment.params.api_key;
    return postProviderJson({
      provider: this.name,
      url,
      accept,
      deployment,
      options,
      body,
      headers: { 'anthropic-version': ANTHROPIC_VERSION, ...(key ? { 'x-api-key': key } : {}) },
      mapError: mapAnthropicError,
    });
  }
}

/** Accepts a base with or without `/v1` (or the full `/v1/messages`), as LiteLLM does. */
export function messagesUrl(apiBase: string | undefined): string {
  const base = trimBase(apiBase ?? ANTHROPIC_DEFAULT_BASE);
  if (base.endsWith('/v1/messages')) return base;
  return base.endsWith('/v1') ? `${base}/messages` : `${base}/v1/messages`;
}
