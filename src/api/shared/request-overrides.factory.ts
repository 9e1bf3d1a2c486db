import { Injectable } from '@nestjs/common';
import { GatewayConfigService } from '../../config/gateway-config.service';
import { assertApiBaseAllowed, readClientCredentials } from '../../routing/client-credentials';
import type { RequestOverrides } from '../../routing/routing.service';
import { UserConfigRouterCache } from '../../routing/user-config/user-config-router.cache';
import type { GatewayParamsDto } from './gateway-params.dto';
import { callerMayUseClientCredentials } from '../../auth/model-access';
import { PermissionDeniedError } from '../../common/errors';
import type { Caller } from '../../keys/keys.types';

/** Turns a body's gateway fields into routing overrides, refusing what the operator did not allow. */
@Injectable()
export class RequestOverridesFactory {
  constructor(
    private readonly config: GatewayConfigService,
    private readonly userConfigs: UserConfigRouterCache,
  ) {}

  async fromBody(body: GatewayParamsDto & Record<string, unknown>, caller: Caller | undefined): Promise<RequestOverrides> {
    const credentials = readClientCredentials(body);
    if ((credentials.api_base || body.user_config) && !callerMayUseClientCredentials(caller)) {
      const param = body.user_config ? 'user_config' : body.api_base !== undefined ? 'api_base' : 'base_url';
      throw new PermissionDeniedError(`'${param}' is not allowed for this key: its metadata needs allow_client_side_credentials: true`, {
        param,
        code: 'client_side_credentials_not_allowed',
      });
    }
    if (credentials.api_base) {
      const general = this.config.current.general;
      await assertApiBaseAllowed(
        credentials.api_base,
        { allowClientSideCredentials: general.allow_client_side_credentials ?? false, apiBaseAllowlist: general.client_side_api_base_allowlist ?? [] },
        body.api_base !== undefined ? 'api_base' : 'base_url',
      );
    }
    return {
      credentials,
      numRetries: body.num_retries,
      fallbacks: body.fallbacks,
      disableFallbacks: body.disable_fallbacks,
      timeoutMs: body.timeout !== undefined ? body.timeout * 1000 : undefined,
      table: body.user_config ? await this.userConfigs.tableFor(body.user_config) : undefined,
    };
  }
}
