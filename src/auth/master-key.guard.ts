import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthenticationError, PermissionDeniedError } from '../common/errors';
import { callOf } from '../common/context/request-context';
import { GatewayConfigService } from '../config/gateway-config.service';
import { Access, ACCESS_KEY } from './auth.decorators';
import { extractKey, keyAlias, keysEqual } from './key-compare';

/**
 * With a master key every route but the public ones needs it (Bearer or
 * `api-key`); admin routes always do. Without one the gateway is open,
 * except for admin routes.
 */
@Injectable()
export class MasterKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: GatewayConfigService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (access === 'public') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const masterKey = this.config.current.masterKey;
    const given = extractKey(req.headers);
    if (given) {
      const call = callOf(req);
      if (call) call.keyAlias = keyAlias(given);
    }
    if (!masterKey) {
      if (access === 'admin') {
        throw new PermissionDeniedError('Admin routes are disabled: set general_settings.master_key to use them', { code: 'admin_disabled' });
      }
      return true;
    }
    if (!given) {
      throw new AuthenticationError('Missing API key. Send it as "Authorization: Bearer <key>" or in the "api-key" header.', { code: 'missing_api_key' });
    }
    if (!keysEqual(given, masterKey)) {
      throw new AuthenticationError('Incorrect API key provided.', { code: 'invalid_api_key' });
    }
    return true;
  }
}
