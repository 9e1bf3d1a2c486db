import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { callOf } from '../../common/context/request-context';
import { toGatewayError } from '../../common/filters/to-gateway-error';
import { SseWriter } from '../../common/http/sse.writer';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../../common/openai/openai.types';
import type { ChatStream } from '../../providers/provider-adapter.interface';
import { peekFirstChunk } from '../../routing/routed-stream';
import { estimatePromptTokens } from '../../routing/prompt-size';
import { RoutingService } from '../../routing/routing.service';
import { withoutGatewayFields } from '../shared/gateway-params.dto';
import { abortOnClientClose, routingHeaders, sendJson } from '../shared/model-call.responder';
import { RequestOverridesFactory } from '../shared/request-overrides.factory';
import type { ChatCompletionRequestDto } from './dto/chat-completion-request.dto';
import { StreamOutputAccumulator } from './stream-output.accumulator';

@Injectable()
export class ChatCompletionsService {
  constructor(
    private readonly routing: RoutingService,
    private readonly overrides: RequestOverridesFactory,
  ) {}

  async create(body: ChatCompletionRequestDto, req: Request, res: Response): Promise<void> {
    const call = callOf(req);
    call.route = 'chat.completions';
    call.model = body.model;
    call.stream = body.stream === true;
    const overrides = await this.overrides.fromBody(body, call.caller);
    const request = withoutGatewayFields(body) as ChatCompletionRequest;
    const signal = abortOnClientClose(res);
    const base = { model: body.model, call, signal, overrides, promptTokens: () => estimatePromptTokens(request.messages) };

    if (!call.stream) {
      const result = await this.routing.execute<ChatCompletion>({
        ...base,
        capability: 'chat',
        invoke: (adapter, deployment, options) => adapter.chat!(request, deployment, options),
        tokensOf: (r) => r.usage?.total_tokens,
      });
      call.usage = result.value.usage;
      call.output = result.value.choices?.[0]?.message;
      sendJson(res, call, routingHeaders(call, result), withOpenAIFields(result.value));
      return;
    }

    const result = await this.routing.execute<ChatStream>({
      ...base,
      capability: 'chatStream',
      deferEnd: true,
      invoke: async (adapter, deployment, options) => (await peekFirstChunk(await adapter.chatStream!(request, deployment, options))).stream,
    });
    await this.pipe(result.value, res, call, routingHeaders(call, result), request.stream_options?.include_usage === true, result.end);
  }

  /** Writes chunks as they come; usage only when asked; one error event if the stream breaks. */
  private async pipe(
    stream: ChatStream,
    res: Response,
    call: ReturnType<typeof callOf>,
    headers: Record<string, string>,
    includeUsage: boolean,
    end?: (tokens?: number) => void,
  ): Promise<void> {
    const writer = new SseWriter(res);
    const output = new StreamOutputAccumulator();
    call.httpStatus = 200;
    writer.start(headers);
    try {
      for await (const chunk of stream) {
        if (!writer.isOpen) break; // client gone: leaving the loop closes the upstream stream
        call.firstTokenAt ??= performance.now();
        output.add(chunk);
        if (chunk.usage) call.usage = chunk.usage;
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
      call.output = output.message();
      end?.(call.usage?.total_tokens);
    }
  }
}

/**
 * OpenAI always sends `system_fingerprint` (often null), and clients that read
 * the Response Format expect the key; providers without one (Anthropic,
 * Cohere, Ollama) leave it out, so it is added as null, as LiteLLM does.
 */
export function withOpenAIFields(completion: ChatCompletion): ChatCompletion {
  return completion.system_fingerprint !== undefined ? completion : { ...completion, system_fingerprint: null };
}

/** The chunk as a client that did not ask for usage should see it (or nothing, for the usage-only chunk). */
function withoutUsage(chunk: ChatCompletionChunk): ChatCompletionChunk | undefined {
  if (chunk.usage === undefined || chunk.usage === null) return chunk;
  if (chunk.choices.length === 0) return undefined;
  const { usage: _usage, ...rest } = chunk;
  return rest;
}
