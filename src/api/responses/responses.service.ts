import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { extractKey } from '../../auth/key-compare';
import type { CallRecord } from '../../common/context/call-record';
import { callOf } from '../../common/context/request-context';
import { BadGatewayError, InvalidRequestError, NotFoundError } from '../../common/errors';
import { toGatewayError } from '../../common/filters/to-gateway-error';
import { SseWriter } from '../../common/http/sse.writer';
import type { Deployment } from '../../deployments/deployment';
import { peekFirstChunk } from '../../routing/routed-stream';
import { estimatePromptTokens } from '../../routing/prompt-size';
import { RoutingService } from '../../routing/routing.service';
import type { ProviderAdapter, CallOptions } from '../../providers/provider-adapter.interface';
import { withoutGatewayFields } from '../shared/gateway-params.dto';
import { abortOnClientClose, routingHeaders, sendJson } from '../shared/model-call.responder';
import { RequestOverridesFactory } from '../shared/request-overrides.factory';
import type { CreateResponseRequestDto } from './dto/create-response-request.dto';
import { ChatStreamToEventsMapper } from './mapping/chat-stream-to-events.mapper';
import { chatToResponse } from './mapping/chat-to-response.mapper';
import { inputItemsOf, toChatRequest } from './mapping/request-to-chat.mapper';
import { toChatUsage, type ResponseContext } from './mapping/response-object.factory';
import { newItemId } from './mapping/response-ids';
import { isNative, nativeBody, type ResponseEventStream } from './responses-upstream';
import type { ResponseInputItem, ResponseObject, ResponseRequest } from './responses.types';
import type { ResponsesStore, StoredResponse } from './store/responses.store';
import { RESPONSES_STORE } from './store/responses-store.di-tokens';

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** One call's state while it is routed: what it continues, and which deployment answered natively. */
interface Turn {
  request: ResponseRequest;
  previous?: StoredResponse;
  owner: string;
  ctx: ResponseContext;
  nativeDeploymentId?: string;
}

/**
 * POST/GET/DELETE /v1/responses. OpenAI and Azure deployments get the
 * request as it is (their own Responses API); every other provider gets it
 * mapped onto chat and its answer mapped back. Kept responses continue a
 * conversation (`previous_response_id`) on any provider.
 */
@Injectable()
export class ResponsesService {
  constructor(
    private readonly routing: RoutingService,
    private readonly overrides: RequestOverridesFactory,
    @Inject(RESPONSES_STORE) private readonly store: ResponsesStore,
  ) {}

  async create(body: CreateResponseRequestDto, req: Request, res: Response): Promise<void> {
    const call = callOf(req);
    call.route = 'responses';
    call.model = body.model;
    call.stream = body.stream === true;
    const owner = ownerOf(req);
    const previous = body.previous_response_id ? await this.store.get(body.previous_response_id, owner) : undefined;
    if (body.previous_response_id && !previous) {
      throw new InvalidRequestError(`Previous response with id '${body.previous_response_id}' not found.`, {
        param: 'previous_response_id',
        code: 'previous_response_not_found',
      });
    }
    const overrides = await this.overrides.fromBody(body, call.caller);
    const request = withoutGatewayFields(body) as unknown as ResponseRequest;
    if (body.metadata) request.metadata = body.metadata; // echoed in the response, as OpenAI does; never sent upstream
    const turn: Turn = { request, previous, owner, ctx: { id: newItemId('resp'), createdAt: Math.floor(Date.now() / 1000), request } };
    const base = {
      model: body.model,
      call,
      signal: abortOnClientClose(res),
      overrides,
      pinnedDeploymentId: previous?.deploymentId,
      promptTokens: () => estimatePromptTokens(toChatRequest(request, previous?.history).messages),
    };

    if (!call.stream) {
      const result = await this.routing.execute<ResponseObject>({
        ...base,
        capability: 'chat',
        invoke: (adapter, deployment, options) => this.answer(turn, adapter, deployment, options),
        tokensOf: (r) => r.usage?.total_tokens,
      });
      const response = result.value;
      call.usage = toChatUsage(response.usage);
      call.output = response.output;
      await this.keep(turn, response);
      sendJson(res, call, routingHeaders(call, result), response);
      return;
    }

    const result = await this.routing.execute<ResponseEventStream>({
      ...base,
      capability: 'chatStream',
      deferEnd: true,
      invoke: (adapter, deployment, options) => this.open(turn, adapter, deployment, options),
    });
    await this.pipe(turn, result.value, res, call, routingHeaders(call, result), result.end);
  }

  async retrieve(id: string, req: Request): Promise<ResponseObject> {
    return (await this.stored(id, req)).response;
  }

  async remove(id: string, req: Request): Promise<{ id: string; object: 'response'; deleted: true }> {
    if (!(await this.store.delete(id, ownerOf(req)))) throw notFound(id);
    return { id, object: 'response', deleted: true };
  }

  private async stored(id: string, req: Request): Promise<StoredResponse> {
    const entry = await this.store.get(id, ownerOf(req));
    if (!entry) throw notFound(id);
    return entry;
  }

  private async answer(turn: Turn, adapter: ProviderAdapter, deployment: Deployment, options: CallOptions): Promise<ResponseObject> {
    if (isNative(adapter)) {
      const response = (await adapter.responses(nativeBody(turn.request, turn.previous, deployment), deployment, options)) as unknown as ResponseObject;
      turn.nativeDeploymentId = deployment.id;
      return response;
    }
    turn.nativeDeploymentId = undefined;
    const completion = await adapter.chat!(toChatRequest(turn.request, turn.previous?.history), deployment, options);
    return chatToResponse(completion, turn.ctx);
  }

  /** Opens the upstream stream and waits for its first event, so a failure before it can still be retried. */
  private async open(turn: Turn, adapter: ProviderAdapter, deployment: Deployment, options: CallOptions): Promise<ResponseEventStream> {
    if (isNative(adapter)) {
      const { stream } = await peekFirstChunk(await adapter.responsesStream(nativeBody(turn.request, turn.previous, deployment), deployment, options));
      turn.nativeDeploymentId = deployment.id;
      let last = -1;
      return {
        events: (async function* () {
          for await (const event of stream) {
            last = typeof event.sequence_number === 'number' ? event.sequence_number : last + 1;
            yield { ...event, sequence_number: last };
          }
        })(),
        fail: (error) => [{ type: 'error', code: error.code ?? 'server_error', message: error.message, param: error.param, sequence_number: last + 1 }],
      };
    }
    turn.nativeDeploymentId = undefined;
    const { stream } = await peekFirstChunk(await adapter.chatStream!(toChatRequest(turn.request, turn.previous?.history), deployment, options));
    const mapper = new ChatStreamToEventsMapper(turn.ctx);
    return {
      events: (async function* () {
        yield* mapper.start();
        for await (const chunk of stream) yield* mapper.push(chunk);
        yield* mapper.finish();
      })(),
      fail: (error) => mapper.fail(error),
    };
  }

  /** Writes each event with its `event:` line; the response is kept before its final event leaves. */
  private async pipe(turn: Turn, stream: ResponseEventStream, res: Response, call: CallRecord, headers: Record<string, string>, end?: (tokens?: number) => void): Promise<void> {
    const writer = new SseWriter(res);
    call.httpStatus = 200;
    writer.start(headers);
    try {
      for await (const event of stream.events) {
        if (!writer.isOpen) break; // client gone: leaving the loop closes the upstream stream
        call.firstTokenAt ??= performance.now();
        if (TERMINAL.has(event.type)) await this.settle(turn, call, event.response as ResponseObject, event.type);
        if (event.type === 'error') call.error ??= new BadGatewayError(String(event.message ?? 'The provider failed the response'), { code: (event.code as string) ?? null });
        await writer.write(event, event.type);
      }
      if (writer.isOpen) writer.close();
      else call.clientAborted = true;
    } catch (err) {
      const error = toGatewayError(err);
      call.error = error;
      for (const event of stream.fail(error)) await writer.write(event, event.type);
      writer.close();
    } finally {
      end?.(call.usage?.total_tokens);
    }
  }

  private async settle(turn: Turn, call: CallRecord, response: ResponseObject, type: string): Promise<void> {
    call.usage = toChatUsage(response.usage);
    call.output = response.output;
    if (type !== 'response.failed') await this.keep(turn, response);
  }

  /** With `store` (default true), keeps the response and the conversation so far for `previous_response_id`. */
  private async keep(turn: Turn, response: ResponseObject): Promise<void> {
    if (turn.request.store === false || !response?.id) return;
    const inputItems = inputItemsOf(turn.request.input);
    await this.store.save({
      id: response.id,
      ownerKeyHash: turn.owner,
      response,
      inputItems,
      history: [...(turn.previous?.history ?? []), ...inputItems, ...((response.output ?? []) as unknown as ResponseInputItem[])],
      deploymentId: turn.nativeDeploymentId,
      storedAt: Date.now(),
    });
  }
}

/** Whose response this is: a hash of the caller's key (no key: the open gateway's one anonymous owner). */
function ownerOf(req: Request): string {
  return createHash('sha256').update(extractKey(req.headers) ?? '', 'utf8').digest('hex');
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`No response found with id '${id}'.`, { param: 'response_id', code: 'response_not_found' });
}
