import { InvalidRequestError } from '../../common/errors';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, FinishReason, Usage } from '../../common/openai/openai.types';
import type {
  TextCompletion,
  TextCompletionChoice,
  TextCompletionChunk,
  TextCompletionLogprobs,
  TextCompletionRequest,
  TextFinishReason,
} from '../../common/openai/text-completion.types';

/**
 * The legacy Completions API on a chat-only deployment: each prompt becomes
 * one user message, each chat answer (or stream of chunks) `text_completion`
 * choices. Choice `index` is `prompt number × n + chat choice index`, as
 * OpenAI numbers them for a list of prompts.
 */
export interface BridgeContext {
  prompts: readonly string[];
  n: number;
  echo: boolean;
}

export function bridgeContext(request: TextCompletionRequest): BridgeContext {
  return { prompts: promptTexts(request.prompt), n: request.n ?? 1, echo: request.echo === true };
}

/** The prompts as texts; token ids cannot be read back into text without the model's tokenizer. */
export function promptTexts(prompt: TextCompletionRequest['prompt']): string[] {
  if (typeof prompt === 'string') return [prompt];
  if (prompt.every((p) => typeof p === 'string')) return prompt;
  throw new InvalidRequestError(
    'A prompt of token ids needs a deployment that serves /completions itself; this model answers through chat: send the prompt as text',
    {
      param: 'prompt',
      code: 'unsupported_prompt',
    },
  );
}

/** The chat request for one prompt; what chat cannot express is refused, naming the field. */
export function toChatRequest(request: TextCompletionRequest, prompt: string): ChatCompletionRequest {
  const { prompt: _prompt, suffix, echo: _echo, logprobs, best_of, ...rest } = request;
  if (typeof suffix === 'string' && suffix !== '') {
    throw new InvalidRequestError('suffix is not supported by this model: it answers through chat, which has no insertion mode', {
      param: 'suffix',
      code: 'unsupported_parameter',
    });
  }
  if (typeof best_of === 'number' && best_of > (request.n ?? 1)) {
    throw new InvalidRequestError('best_of greater than n is not supported by this model: it answers through chat, which cannot rank candidates', {
      param: 'best_of',
      code: 'unsupported_parameter',
    });
  }
  const chat: ChatCompletionRequest = { ...rest, messages: [{ role: 'user', content: prompt }] };
  if (typeof logprobs === 'number') {
    chat.logprobs = true;
    if (logprobs > 0) chat.top_logprobs = logprobs;
  }
  return chat;
}

/** Chat's finish reasons the legacy API has; a tool call (never asked for here) reads as a stop. */
export function toTextFinishReason(reason: FinishReason | undefined): TextFinishReason {
  if (reason === null || reason === undefined) return null;
  return reason === 'length' || reason === 'content_filter' ? reason : 'stop';
}

/** `chatcmpl-…` → `cmpl-…`, the legacy API's id prefix; other ids as they are. */
export function toCompletionId(id: string): string {
  return id.startsWith('chatcmpl-') ? `cmpl-${id.slice('chatcmpl-'.length)}` : id;
}

interface ChatTokenLogprob {
  token: string;
  logprob: number;
  top_logprobs?: Array<{ token: string; logprob: number }>;
}

/** Chat's `logprobs.content` in the legacy shape; `offset` is where the tokens' text starts in the choice's text. */
export function toLegacyLogprobs(chatLogprobs: unknown, offset: number): TextCompletionLogprobs | null {
  const content = (chatLogprobs as { content?: unknown } | null | undefined)?.content;
  if (!Array.isArray(content)) return null;
  const result: TextCompletionLogprobs = { tokens: [], token_logprobs: [], top_logprobs: [], text_offset: [] };
  let at = offset;
  for (const t of content as ChatTokenLogprob[]) {
    result.tokens.push(t.token);
    result.token_logprobs.push(t.logprob);
    result.top_logprobs!.push(Object.fromEntries((t.top_logprobs ?? []).map((top) => [top.token, top.logprob])));
    result.text_offset.push(at);
    at += t.token.length;
  }
  return result;
}

export function addUsage(a: Usage | undefined, b: Usage | null | undefined): Usage | undefined {
  if (!b) return a;
  if (!a) return { ...b };
  return {
    ...a,
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
}

/** The chat answers (one a prompt, in order) as one `text_completion`. */
export function chatToCompletion(answers: readonly ChatCompletion[], ctx: BridgeContext): TextCompletion {
  const first = answers[0];
  const choices: TextCompletionChoice[] = answers.flatMap((answer, p) =>
    answer.choices.map((c) => {
      const head = ctx.echo ? ctx.prompts[p] : '';
      return {
        text: head + (c.message.content ?? ''),
        index: p * ctx.n + c.index,
        logprobs: toLegacyLogprobs(c.logprobs, head.length),
        finish_reason: toTextFinishReason(c.finish_reason),
      };
    }),
  );
  const usage = answers.reduce<Usage | undefined>((sum, a) => addUsage(sum, a.usage), undefined);
  const completion: TextCompletion = { id: toCompletionId(first.id), object: 'text_completion', created: first.created, model: first.model, choices };
  if (first.system_fingerprint !== undefined) completion.system_fingerprint = first.system_fingerprint;
  if (usage) completion.usage = usage;
  return completion;
}

/**
 * Chat chunks (of one prompt after another) as `text_completion` chunks; the
 * usage of every prompt's stream is summed into one usage-only chunk at the
 * end, as OpenAI sends it. Role-only and empty chunks are left out.
 */
export class ChatStreamToCompletionMapper {
  private head?: Pick<TextCompletion, 'id' | 'object' | 'created' | 'model' | 'system_fingerprint'>;
  private usage?: Usage;
  /** Per choice index: the length of its text so far (for `text_offset`). */
  private readonly written = new Map<number, number>();

  constructor(private readonly ctx: BridgeContext) {}

  push(chunk: ChatCompletionChunk, promptIndex = 0): TextCompletionChunk[] {
    this.head ??= {
      id: toCompletionId(chunk.id),
      object: 'text_completion',
      created: chunk.created,
      model: chunk.model,
      ...(chunk.system_fingerprint !== undefined ? { system_fingerprint: chunk.system_fingerprint } : {}),
    };
    this.usage = addUsage(this.usage, chunk.usage);
    const choices: TextCompletionChoice[] = [];
    for (const c of chunk.choices ?? []) {
      const index = promptIndex * this.ctx.n + c.index;
      const first = !this.written.has(index);
      const head = first && this.ctx.echo ? this.ctx.prompts[promptIndex] : '';
      const at = (this.written.get(index) ?? 0) + head.length;
      const content = typeof c.delta?.content === 'string' ? c.delta.content : '';
      const logprobs = toLegacyLogprobs(c.logprobs, at);
      const finish = toTextFinishReason(c.finish_reason);
      const text = head + content;
      if (text === '' && finish === null && !logprobs) {
        if (first) this.written.set(index, 0);
        continue;
      }
      this.written.set(index, at + content.length);
      choices.push({ text, index, logprobs, finish_reason: finish });
    }
    return choices.length > 0 ? [{ ...this.head, choices }] : [];
  }

  /** The usage-only chunk, when the provider told the usage. */
  finish(): TextCompletionChunk[] {
    return this.head && this.usage ? [{ ...this.head, choices: [], usage: this.usage }] : [];
  }
}

/** A chunk as a client that did not ask for usage sees it (nothing, for the usage-only chunk). */
export function withoutUsage(chunk: TextCompletionChunk): TextCompletionChunk | undefined {
  if (chunk.usage === undefined || chunk.usage === null) return chunk;
  if (chunk.choices.length === 0) return undefined;
  const { usage: _usage, ...rest } = chunk;
  return rest;
}
