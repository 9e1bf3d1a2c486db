import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { CallRecord } from '../../common/context/call-record';
import { callOf } from '../../common/context/request-context';
import { InvalidRequestError } from '../../common/errors';
import { toGatewayError } from '../../common/filters/to-gateway-error';
import { SseWriter } from '../../common/http/sse.writer';
import type { TextCompletion, TextCompletionChunk, TextCompletionRequest } from '../../common/openai/text-completion.types';
import type { Deployment } from '../../deployments/deployment';
import type { CallOptions, ProviderAdapter } from '../../providers/provider-adapter.interface';
import { estimatePromptTokens } from '../../routing/prompt-size';
import { peekFirstChunk } from '../../routing/routed-stream';
import { RoutingService } from '../../routing/routing.service';
import { withoutGatewayFields } from '../shared/gateway-params.dto';
import { abortOnClientClose, routingHeaders, sendJson } from '../shared/model-call.responder';
import { RequestOverridesFactory } from '../shared/request-overrides.factory';
import { bridgeContext, ChatStreamToCompletionMapper, chatToCompletion, toChatRequest, withoutUsage } from './completions.mapper';
import type { CompletionRequestDto } from './dto/completion-request.dto';

type NativeAdapter = ProviderAdapter & Required<Pick<ProviderAdapter, 'completions' | 'completionsStream'>>;

/** A deployment that answers `/completions` itself gets the request as it is; any other, the request mapped onto chat. */
function nativeFor(adapter: ProviderAdapter, deployment: Deployment): adapter is NativeAdapter {
  return typeof adapter.completions === 'function' && typeof adapter.completionsStream === 'function' && adapter.servesCompletions?.(deployment) !== false;
}

/** POST /v1/completions: the legacy Completions API, on the same routing as chat. */
@Injectable()
export class CompletionsService {
  constructor(
    private readonly routing: RoutingService,
    private readonly overrides: RequestOverridesFactory,
  ) {}

  async create(body: CompletionRequestDto, req: Request, res: Response): Promise<void> {
    const call = callOf(req);
    call.route = 'completions';
    call.model = body.model;
    call.stream = body.stream === true;
    call.input ??= body.prompt;
    checkCombinations(body);
    const overrides = await this.overrides.fromBody(body, call.caller);
    const request = withoutGatewayFields(body) as TextCompletionRequest;
    const base = { model: body.model, call, signal: abortOnClientClose(res), overrides, promptTokens: () => promptTokens(request.prompt) };

    if (!call.stream) {
      const result = await this.routing.execute<TextCompletion>({
        ...base,
        capability: 'chat',
        invoke: (adapter, deployment, options) => answer(request, adapter, deployment, options),
        tokensOf: (r) => r.usage?.total_tokens,
      });
      call.usage = result.value.usage ?? undefined;
      call.output = result.value.choices?.[0]?.text;
      sendJson(res, call, routingHeaders(call, result), result.value);
      return;
    }

    const result = await this.routing.execute<AsyncIterable<TextCompletionChunk>>({
      ...base,
      capability: 'chatStream',
      deferEnd: true,
      invoke: (adapter, deployment, options) => open(request, adapter, deployment, options),
    });
    await pipe(result.value, res, call, routingHeaders(call, result), request.stream_options?.include_usage === true, result.end);
  }
}

/** What OpenAI refuses whatever the model. */
function checkCombinations(body: CompletionRequestDto): void {
  if (typeof body.best_of !== 'number') return;
  if (body.stream === true && body.best_of > 1) throw new InvalidRequestError('best_of cannot be used with stream', { param: 'best_of' });
  if (body.best_of < (body.n ?? 1)) throw new InvalidRequestError('best_of must be greater than or equal to n', { param: 'best_of' });
}

function promptTokens(prompt: TextCompletionRequest['prompt']): number {
  if (typeof prompt === 'string') return estimatePromptTokens([{ content: prompt }]);
  return (prompt as unknown[]).reduce<number>(
    (sum, p) => sum + (typeof p === 'string' ? estimatePromptTokens([{ content: p }]) : Array.isArray(p) ? p.length : 1),
    0,
  );
}

async function answer(request: TextCompletionRequest, adapter: ProviderAdapter, deployment: Deployment, options: CallOptions): Promise<TextCompletion> {
  if (nativeFor(adapter, deployment)) return adapter.completions(request, deployment, options);
  const ctx = bridgeContext(request);
  const answers = await Promise.all(ctx.prompts.map((prompt) => adapter.chat!(toChatRequest(request, prompt), deployment, options)));
  return chatToCompletion(answers, ctx);
}

/**
 * Opens the upstream stream and waits for its first chunk, so a failure before
 * it can still be retried. Several prompts on chat are streamed one after the other.
 */
async function open(
  request: TextCompletionRequest,
  adapter: ProviderAdapter,
  deployment: Deployment,
  options: CallOptions,
): Promise<AsyncIterable<TextCompletionChunk>> {
  if (nativeFor(adapter, deployment)) return (await peekFirstChunk(await adapter.completionsStream(request, deployment, options))).stream;
  const ctx = bridgeContext(request);
  const chats = ctx.prompts.map((prompt) => toChatRequest(request, prompt));
  const first = (await peekFirstChunk(await adapter.chatStream!(chats[0], deployment, options))).stream;
  const mapper = new ChatStreamToCompletionMapper(ctx);
  return (async function* () {
    for (let p = 0; p < chats.length; p++) {
      const stream = p === 0 ? first : await adapter.chatStream!(chats[p], deployment, options);
      for await (const chunk of stream) yield* mapper.push(chunk, p);
    }
    yield* mapper.finish();
  })();
}

/** Writes chunks as they come, then `data: [DONE]`; usage only when asked; one error event if the stream breaks. */
async function pipe(
  stream: AsyncIterable<TextCompletionChunk>,
  res: Response,
  call: CallRecord,
  headers: Record<string, string>,
  includeUsage: boolean,
  end?: (tokens?: number) => void,
): Promise<void> {
  const writer = new SseWriter(res);
  let text = '';
  call.httpStatus = 200;
  writer.start(headers);
  try {
    for await (const chunk of stream) {
      if (!writer.isOpen) break; // client gone: leaving the loop closes the upstream stream
      call.firstTokenAt ??= performance.now();
      if (chunk.usage) call.usage = chunk.usage;
      for (const c of chunk.choices ?? []) if (c.index === 0 && typeof c.text === 'string') text += c.text;
      const toSend = includeUsage ? chunk : withoutUsage(chunk);
      if (toSend) await writer.write(toSend);
    }
    if (writer.isOpen) writer.end();
    else call.clientAborted = true;
  } catch (err) {
    const error = toGatewayError(err, call.secrets);
    call.error = error;
    writer.fail(error);
  } finally {
    call.output = text;
    end?.(call.usage?.total_tokens);
  }
}
