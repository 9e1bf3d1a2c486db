import { createHash, randomUUID } from 'node:crypto';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatMessage,
  EmbeddingRequest,
  EmbeddingResponse,
  ModerationRequest,
  ModerationResponse,
  Usage,
} from '../../common/openai/openai.types';
import {
  AuthenticationError,
  BadGatewayError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  GatewayError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import type { CallOptions, ChatStream, ProviderAdapter } from '../provider-adapter.interface';

/**
 * LiteLLM's `mock_response` values that raise instead of answering, so a
 * config can rehearse failures without a provider.
 */
const MOCK_ERRORS: Record<string, (provider: string) => GatewayError> = {
  'litellm.RateLimitError': (p) => new RateLimitError('Mock rate limit', { provider: p, retryAfterSeconds: 1 }),
  'litellm.ContextWindowExceededError': (p) => new ContextWindowExceededError('Mock context window exceeded', { provider: p }),
  'litellm.ContentPolicyViolationError': (p) => new ContentPolicyViolationError('Mock content policy violation', { provider: p }),
  'litellm.InternalServerError': (p) => new BadGatewayError('Mock internal server error', { provider: p }),
  'litellm.ServiceUnavailableError': (p) => new ServiceUnavailableError('Mock service unavailable', { provider: p }),
  'litellm.Timeout': (p) => new TimeoutError('Mock timeout', { provider: p }),
  'litellm.AuthenticationError': (p) => new AuthenticationError('Mock authentication error', { provider: p }),
};

const EMBEDDING_DIMENSIONS = 1536;
const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'self-harm',
  'self-harm/instructions',
  'self-harm/intent',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
];

/** A rough token count (about four characters a token), for mock usage. */
export function approximateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

function messagesText(messages: ChatMessage[]): string {
  return messages
    .map((m) => (typeof m.content === 'string' ? m.content : Array.isArray(m.content) ? m.content.map((p) => ('text' in p ? String(p.text) : '')).join(' ') : ''))
    .join('\n');
}

/**
 * A deployment with `mock_response` answers here, with no network: chat,
 * streams, embeddings (deterministic unit vectors) and moderations.
 */
export class MockAdapter implements ProviderAdapter {
  readonly name = 'mock';

  async chat(request: ChatCompletionRequest, deployment: Deployment): Promise<ChatCompletion> {
    const content = this.reply(deployment);
    return {
      id: `chatcmpl-${randomUUID()}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: deployment.upstreamModel,
      system_fingerprint: null,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: this.usage(messagesText(request.messages), content),
    };
  }

  async chatStream(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatStream> {
    const content = this.reply(deployment);
    const usage = this.usage(messagesText(request.messages), content);
    return mockChunks(content, deployment.upstreamModel, usage, options.signal);
  }

  async embeddings(request: EmbeddingRequest, deployment: Deployment): Promise<EmbeddingResponse> {
    this.reply(deployment);
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    const texts = inputs.map((i) => (typeof i === 'string' ? i : JSON.stringify(i)));
    const dims = typeof request.dimensions === 'number' ? request.dimensions : EMBEDDING_DIMENSIONS;
    const tokens = texts.reduce((n, t) => n + approximateTokens(t), 0);
    return {
      object: 'list',
      data: texts.map((t, index) => ({ object: 'embedding', index, embedding: deterministicVector(t, dims) })),
      model: deployment.upstreamModel,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  }

  async moderations(request: ModerationRequest, deployment: Deployment): Promise<ModerationResponse> {
    this.reply(deployment);
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    return {
      id: `modr-${randomUUID()}`,
      model: deployment.upstreamModel,
      results: inputs.map(() => ({
        flagged: false,
        categories: Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, false])),
        category_scores: Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, 0.000001])),
      })),
    };
  }

  private reply(deployment: Deployment): string {
    const text = String(deployment.params.mock_response ?? '');
    const raise = MOCK_ERRORS[text];
    if (raise) throw raise(this.name);
    return text;
  }

  private usage(prompt: string, completion: string): Usage {
    const prompt_tokens = approximateTokens(prompt);
    const completion_tokens = approximateTokens(completion);
    return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
  }
}

async function* mockChunks(content: string, model: string, usage: Usage, signal: AbortSignal): ChatStream {
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: ChatCompletionChunk['choices'][0]['delta'], finish: 'stop' | null): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  yield chunk({ role: 'assistant', content: '' }, null);
  for (const piece of content.match(/\S+\s*|\s+/g) ?? []) {
    if (signal.aborted) return;
    yield chunk({ content: piece }, null);
  }
  yield chunk({}, 'stop');
  yield { id, object: 'chat.completion.chunk', created, model, choices: [], usage };
}

/** A unit vector from the text's hash: equal texts embed equally, with no model. */
export function deterministicVector(text: string, dims: number): number[] {
  const out = new Array<number>(dims);
  let seed = createHash('sha256').update(text).digest();
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    if (i % 32 === 0 && i > 0) seed = createHash('sha256').update(seed).digest();
    const v = seed[i % 32] / 127.5 - 1;
    out[i] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return out.map((v) => Number((v * scale).toFixed(8)));
}
