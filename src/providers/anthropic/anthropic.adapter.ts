import { BadGatewayError } from '../../common/errors';
import type { ChatCompletion, ChatCompletionRequest } from '../../common/openai/openai.types';
import type { Deployment } from '../../deployments/deployment';
import { trimBase } from '../openai/openai-compatible.adapter';
import type { CallOptions, ChatStream, ProviderAdapter } from '../provider-adapter.interface';
import { primeStream } from '../shared/primed-stream';
import { readSse } from '../shared/stream-readers';
import { postProviderJson } from '../shared/provider-json.client';
import { readJson, UpstreamResponse } from '../shared/upstream-http.client';
import { toAnthropicRequest } from './anthropic-request.mapper';
import { fromAnthropicResponse } from './anthropic-response.mapper';
import { AnthropicStreamMapper } from './anthropic-stream.mapper';
import { mapAnthropicError } from './anthropic.errors';
import type { AnthropicResponse, AnthropicStreamEvent } from './anthropic.types';

export const ANTHROPIC_DEFAULT_BASE = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2023-06-01';

/** `anthropic/<model>`: the Messages API, answered in the OpenAI format. */
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

  private async post(deployment: Deployment, body: unknown, options: CallOptions): Promise<UpstreamResponse> {
    const key = deployment.params.api_key;
    return postProviderJson({
      provider: this.name,
      url: messagesUrl(deployment.params.api_base),
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
