import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { callOf } from '../../common/context/request-context';
import { InvalidRequestError } from '../../common/errors';
import type { ModerationRequest, ModerationResponse } from '../../common/openai/openai.types';
import { RoutingService } from '../../routing/routing.service';
import { withoutGatewayFields } from '../shared/gateway-params.dto';
import { abortOnClientClose, routingHeaders, sendJson } from '../shared/model-call.responder';
import { RequestOverridesFactory } from '../shared/request-overrides.factory';
import type { ModerationRequestDto } from './dto/moderation-request.dto';

@Injectable()
export class ModerationsService {
  constructor(
    private readonly routing: RoutingService,
    private readonly overrides: RequestOverridesFactory,
  ) {}

  async create(body: ModerationRequestDto, req: Request, res: Response): Promise<void> {
    const call = callOf(req);
    call.route = 'moderations';
    const model = body.model ?? this.defaultModel();
    call.model = model;
    const request = withoutGatewayFields(body) as ModerationRequest;
    const result = await this.routing.execute<ModerationResponse>({
      model,
      call,
      signal: abortOnClientClose(res),
      overrides: await this.overrides.fromBody(body, call.caller),
      capability: 'moderations',
      invoke: (adapter, deployment, options) => adapter.moderations!(request, deployment, options),
    });
    call.output = result.value.results;
    sendJson(res, call, routingHeaders(call, result), result.value);
  }

  /** OpenAI lets `model` be omitted: use the deployment marked `mode: moderation`, or one named so. */
  private defaultModel(): string {
    const deployments = this.routing.table.groups;
    for (const [name, ds] of deployments) if (ds.some((d) => d.modelInfo.mode === 'moderation')) return name;
    for (const name of deployments.keys()) if (name.includes('moderation')) return name;
    throw new InvalidRequestError("'model' is required: no moderation model is configured", { param: 'model' });
  }
}
