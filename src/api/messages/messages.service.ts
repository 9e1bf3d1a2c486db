import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { CallRecord } from '../../common/context/call-record';
import { callOf } from '../../common/context/request-context';
import type { GatewayError } from '../../common/errors';
import { toAnthropicErrorBody } from '../../common/filters/anthropic-error.body';
import { toGatewayError } from '../../common/filters/to-gateway-error';
import { SseWriter } from '../../common/http/sse.writer';
import type { Deployment } from '../../deployments/deployment';
import type { CallOptions, ProviderAdapter } from '../../providers/provider-adapter.interface';
import { peekFirstChunk } from '../../routing/routed-stream';
import { RoutingService } from '../../routing/routing.service';
import { abortOnClientClose, routingHeaders, sendJson } from '../shared/model-call.responder';
import { RequestOverridesFactory } from '../shared/request-overrides.factory';
import type { CountTokensRequestDto } from './dto/count-tokens-request.dto';
import type { MessagesRequestDto } from './dto/messages-request.dto';
import { ChatStreamToEventsMapper } from './mappers/chat-stream-to-events.mapper';
import { chatToMessage, toChatUsage, type MessageContext } from './mappers/chat-to-message.mapper';
import { MessageEventsAccumulator } from './mappers/message-events.accumulator';
import { toChatRequest } from './mappers/request-to-chat.mapper';
import { anthropicBeta, estimateInputTokens, isNative, messagesRequestOf, withBeta } from './messages-upstream';
import type { MessageObject, MessagesRequest, MessageStreamEvent } from './messages.types';

/** A routed Messages stream: its events, and the events that end it when it breaks. */
interface MessageEventStream {
  events: AsyncIterable<MessageStreamEvent>;
  fail(error: GatewayError): MessageStreamEvent[];
}

/** One call while it is routed. */
interface Turn {
  request: MessagesRequest;
  beta?: string;
  ctx: MessageContext;
}

/**
 * POST /v1/messages and /v1/messages/count_tokens (SPEC 13). Anthropic
 * deployments, and Anthropic models on Bedrock, get the caller's body with
 * only the model replaced; every other provider gets it mapped onto chat and
 * its answer mapped back. Routing, keys, limits, spend and sinks are the
 * chat endpoint's.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly routing: RoutingService,
    private readonly overrides: RequestOverridesFactory,
  ) {}

  async create(body: MessagesRequestDto, req: Request, res: Response): Promise<void> {
    const call = callOf(req);
    call.route = 'messages';
    call.model = body.model;
    call.stream = body.stream === true;
    const overrides = await this.overrides.fromBody(body, call.caller);
    const request = messagesRequestOf(body);
    const turn: Turn = { request, beta: anthropicBeta(req), ctx: { id: newMessageId(), model: body.model } };
    const base = { model: body.model, call, signal: abortOnClientClose(res), overrides, promptTokens: () => estimateInputTokens(request) };
    res.setHeader('request-id', call.requestId); // what Anthropic's SDKs read as the request id

    if (!call.stream) {
      const result = await this.routing.execute<MessageObject>({
        ...base,
        capability: 'chat',
        invoke: (adapter, deployment, options) => this.answer(turn, adapter, deployment, options),
        tokensOf: (m) => toChatUsage(m.usage)?.total_tokens,
      });
      call.usage = toChatUsage(result.value.usage);
      call.output = { role: 'assistant', content: result.value.content };
      sendJson(res, call, routingHeaders(call, result), result.value);
      return;
    }

    const result = await this.routing.execute<MessageEventStream>({
      ...base,
      capability: 'chatStream',
      deferEnd: true,
      invoke: (adapter, deployment, options) => this.open(turn, adapter, deployment, options),
    });
    await this.pipe(result.value, res, call, routingHeaders(call, result), result.end);
  }

  /**
   * The provider's own count where it has one (Anthropic), else the gateway's
   * estimate; routed like a call (the model must exist and be allowed), but
   * it spends nothing and counts against no key limit.
   */
  async countTokens(body: CountTokensRequestDto, req: Request, res: Response): Promise<void> {
    const call = callOf(req);
    call.route = 'messages';
    call.model = body.model;
    const overrides = await this.overrides.fromBody(body, call.caller);
    const request = messagesRequestOf(body);
    const beta = anthropicBeta(req);
    res.setHeader('request-id', call.requestId);
    const result = await this.routing.execute<{ input_tokens: number }>({
      model: body.model,
      call,
      signal: abortOnClientClose(res),
      overrides,
      capability: 'chat',
      admit: false,
      invoke: async (adapter, deployment, options) =>
        isNative(adapter, deployment) && adapter.countMessageTokens
          ? adapter.countMessageTokens(request, deployment, withBeta(options, beta))
          : { input_tokens: estimateInputTokens(request) },
    });
    sendJson(res, call, routingHeaders(call, result), { input_tokens: result.value.input_tokens });
  }

  private async answer(turn: Turn, adapter: ProviderAdapter, deployment: Deployment, options: CallOptions): Promise<MessageObject> {
    if (isNative(adapter, deployment)) return (await adapter.messages(turn.request, deployment, withBeta(options, turn.beta))) as unknown as MessageObject;
    const completion = await adapter.chat!(toChatRequest(turn.request, { dropParams: deployment.params.drop_params === true }), deployment, options);
    return chatToMessage(completion, turn.ctx);
  }

  /** Opens the upstream stream and waits for its first event, so a failure before it can still be retried. */
  private async open(turn: Turn, adapter: ProviderAdapter, deployment: Deployment, options: CallOptions): Promise<MessageEventStream> {
    const fail = (error: GatewayError): MessageStreamEvent[] => [{ ...toAnthropicErrorBody(error) }];
    if (isNative(adapter, deployment)) {
      const { stream } = await peekFirstChunk(await adapter.messagesStream(turn.request, deployment, withBeta(options, turn.beta)));
      return { events: stream, fail };
    }
    const chat = toChatRequest(turn.request, { dropParams: deployment.params.drop_params === true });
    const { stream } = await peekFirstChunk(await adapter.chatStream!(chat, deployment, options));
    const mapper = new ChatStreamToEventsMapper(turn.ctx);
    return {
      events: (async function* () {
        yield* mapper.start();
        for await (const chunk of stream) yield* mapper.push(chunk);
        yield* mapper.finishEvents();
      })(),
      fail: (error) => mapper.fail(error),
    };
  }

  /** Writes each event with its `event:` line; a break mid-stream is one `event: error`, then the end. */
  private async pipe(stream: MessageEventStream, res: Response, call: CallRecord, headers: Record<string, string>, end?: (tokens?: number) => void): Promise<void> {
    const writer = new SseWriter(res);
    const seen = new MessageEventsAccumulator();
    call.httpStatus = 200;
    writer.start(headers);
    try {
      for await (const event of stream.events) {
        if (!writer.isOpen) break; // client gone: leaving the loop closes the upstream stream
        call.firstTokenAt ??= performance.now();
        seen.add(event);
        await writer.write(event, event.type);
      }
      if (writer.isOpen) writer.close();
      else call.clientAborted = true;
    } catch (err) {
      const error = toGatewayError(err, call.secrets);
      call.error = error;
      for (const event of stream.fail(error)) await writer.write(event, event.type);
      writer.close();
    } finally {
      call.usage = seen.chatUsage();
      call.output = { role: 'assistant', content: seen.content() };
      end?.(call.usage?.total_tokens);
    }
  }
}

/** `msg_` and 24 random hex digits, the form of Anthropic's ids. */
function newMessageId(): string {
  return `msg_${randomBytes(12).toString('hex')}`;
}
