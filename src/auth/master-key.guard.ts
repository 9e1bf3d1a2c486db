import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthenticationError, PermissionDeniedError } from '../common/errors';
import { callOf } from '../common/context/request-context';
import { GatewayConfigService } from '../config/gateway-config.service';
import { looksLikeVirtualKey, tokenOf } from '../keys/key-secret';
import { Access, ACCESS_KEY } from './auth.decorators';
import { extractKey, keyAlias, keysEqual } from './key-compare';
import { assertModelAllowed } from './model-access';
import { VirtualKeyAuthenticator } from './virtual-key.authenticator';

/**
 * With a master key every route but the public ones needs it or a virtual
 * key (Bearer, `api-key` or `x-api-key`); admin routes need the master key.
 * Without one the gateway is open, except for admin routes. Sets the caller
 * on the call record, and refuses a model the virtual key may not call.
 */
@Injectable()
export class MasterKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: GatewayConfigService,
    private readonly virtualKeys: VirtualKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (access === 'public') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const call = callOf(req);
    const masterKey = this.config.current.masterKey;
    const given = extractKey(req.headers);
    if (given && call) call.keyAlias = keyAlias(given);
    if (!masterKey) {
      if (access) {
        throw new PermissionDeniedError('Admin routes are disabled: set general_settings.master_key to use them', { code: 'admin_disabled' });
      }
      if (call) call.caller = { kind: 'open' };
      return true;
    }
    if (!given) {
      throw new AuthenticationError('Missing API key. Send it as "Authorization: Bearer <key>" or in the "api-key" header.', { code: 'missing_api_key' });
    }
    if (keysEqual(given, masterKey)) {
      if (call) call.caller = { kind: 'master' };
      return true;
    }
    if (!looksLikeVirtualKey(given)) throw new AuthenticationError('Incorrect API key provided.', { code: 'invalid_api_key' });
    const { key, team } = await this.virtualKeys.authenticate(given);
    const caller = { kind: 'virtual', key, team } as const;
    if (call) {
      call.caller = caller;
      call.keyAlias = key.key_alias ?? key.key_name;
      if (key.team_id) call.teamId = key.team_id;
    }
    const asked = req.query?.key;
    const ownKeyOnly = access === 'admin-or-own-key' && (asked === undefined || asked === '' || (typeof asked === 'string' && tokenOf(asked) === key.token));
    if (access === 'admin' || (access === 'admin-or-own-key' && !ownKeyOnly)) {
      throw new PermissionDeniedError('This route needs the master key.', { code: 'admin_only' });
    }
    assertModelAllowed(caller, (req.body as Record<string, unknown> | undefined)?.model);
    return true;
  }
}
