import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { InvalidRequestError, PermissionDeniedError } from '../../common/errors';
import { flattenValidationErrors } from '../../common/validation/flatten-validation-errors';
import { GatewayConfigService } from '../../config/gateway-config.service';
import { PROVIDER_ADAPTERS } from '../../providers';
import { assertApiBaseAllowed, missingOwnCredentials } from '../client-credentials';
import { buildDeployment, splitModel } from '../../deployments/deployment.factory';
import { RouteTable, routerPolicy } from '../route-table';
import { UserConfigSchema } from './user-config.schema';

const MAX_ROUTERS = 100;
const MAX_RETRIES = 5;
const MAX_TIMEOUT_SECONDS = 600;

/**
 * Builds routers from per-request `user_config` (SPEC 6). Identical configs
 * share one router (LRU keyed by a hash), so cooldowns work across calls; a
 * user's deployments get ids of their own and never touch the gateway's.
 */
@Injectable()
export class UserConfigRouterCache {
  private readonly tables = new Map<string, RouteTable>();

  constructor(private readonly config: GatewayConfigService) {}

  async tableFor(userConfig: Record<string, unknown>): Promise<RouteTable> {
    const general = this.config.current.general;
    if (!general.allow_client_side_credentials) {
      throw new PermissionDeniedError("'user_config' is not allowed: set general_settings.allow_client_side_credentials to true", {
        param: 'user_config',
        code: 'client_side_credentials_not_allowed',
      });
    }
    const key = createHash('sha256').update(JSON.stringify(userConfig)).digest('hex');
    const cached = this.tables.get(key);
    if (cached) {
      this.tables.delete(key);
      this.tables.set(key, cached); // most recently used last
      return cached;
    }
    const table = await this.build(userConfig, key.slice(0, 8), {
      allowClientSideCredentials: true,
      apiBaseAllowlist: general.client_side_api_base_allowlist ?? [],
    });
    this.tables.set(key, table);
    if (this.tables.size > MAX_ROUTERS) this.tables.delete(this.tables.keys().next().value!);
    return table;
  }

  private async build(raw: Record<string, unknown>, idPrefix: string, policy: Parameters<typeof assertApiBaseAllowed>[1]): Promise<RouteTable> {
    const schema = plainToInstance(UserConfigSchema, raw);
    const [first] = flattenValidationErrors(validateSync(schema, { forbidUnknownValues: false }), 'user_config');
    if (first) throw new InvalidRequestError(`Invalid value for '${first.path}': ${first.message}`, { param: first.path });
    const known = PROVIDER_ADAPTERS.map((a) => a.name);
    const deployments = [];
    for (const [i, entry] of schema.model_list.entries()) {
      const params = entry.litellm_params;
      const path = `user_config.model_list[${i}].litellm_params`;
      const { provider } = splitModel(params.model);
      if (params.mock_response === undefined && !known.includes(provider)) {
        throw new InvalidRequestError(`Invalid value for '${path}.model': unknown provider '${provider}'`, { param: `${path}.model` });
      }
      // Never the gateway's environment credentials for a caller's deployment.
      const [missing] = missingOwnCredentials(provider, params);
      if (missing) {
        throw new InvalidRequestError(`Invalid value for '${path}.${missing}': ${provider} deployments in user_config must carry their own ${missing}`, {
          param: `${path}.${missing}`,
        });
      }
      for (const field of ['api_base', 'aws_bedrock_runtime_endpoint'] as const) {
        const base = params[field];
        if (typeof base === 'string' && base) await assertApiBaseAllowed(base, policy, `${path}.${field}`);
      }
      const timeout = Math.min(params.timeout ?? MAX_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS);
      const d = buildDeployment({
        model_name: entry.model_name,
        litellm_params: { ...params, timeout, rpm: params.rpm ?? entry.rpm, tpm: params.tpm ?? entry.tpm },
        model_info: entry.model_info,
      });
      deployments.push({ ...d, id: `uc-${idPrefix}-${d.id}` });
    }
    const policyFromConfig = routerPolicy({ ...schema, num_retries: Math.min(schema.num_retries ?? 2, MAX_RETRIES) });
    const overall = policyFromConfig.overallTimeoutMs;
    return new RouteTable(deployments, {
      ...policyFromConfig,
      overallTimeoutMs: overall !== undefined ? Math.min(overall, MAX_TIMEOUT_SECONDS * 1000) : undefined,
    });
  }
}
