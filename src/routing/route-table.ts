import type { LoadedConfig } from '../config/loaded-config';
import type { FallbackList, RouterSettingsSchema, RoutingStrategyName } from '../config/schema/router-settings.schema';
import type { LitellmSettingsSchema } from '../config/schema/litellm-settings.schema';
import type { Deployment } from '../deployments/deployment';

/** LiteLLM's defaults where the config is silent. */
export const ROUTER_DEFAULTS = {
  numRetries: 2,
  allowedFails: 3,
  cooldownSeconds: 5,
  callTimeoutSeconds: 600,
  /** Longest wait for a provider's Retry-After before giving up on that deployment. */
  maxRetryAfterSeconds: 30,
} as const;

export interface RouterPolicy {
  readonly strategy: RoutingStrategyName;
  readonly numRetries: number;
  readonly allowedFails: number;
  readonly cooldownMs: number;
  /** Default for one upstream call, when the deployment sets none. */
  readonly callTimeoutMs: number;
  /** The whole routed call, retries and fallbacks included. */
  readonly overallTimeoutMs?: number;
  readonly streamTimeoutMs?: number;
  readonly fallbacks: ReadonlyMap<string, readonly string[]>;
  readonly contextWindowFallbacks: ReadonlyMap<string, readonly string[]>;
  readonly contentPolicyFallbacks: ReadonlyMap<string, readonly string[]>;
  readonly defaultFallbacks: readonly string[];
}

export function fallbackMap(list: FallbackList | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of list ?? []) for (const [model, to] of Object.entries(entry)) map.set(model, [...(map.get(model) ?? []), ...to]);
  return map;
}

export function routerPolicy(router: RouterSettingsSchema, litellm: LitellmSettingsSchema = {}): RouterPolicy {
  return {
    strategy: router.routing_strategy === 'usage-based-routing-v2' ? 'usage-based-routing' : (router.routing_strategy ?? 'simple-shuffle'),
    numRetries: router.num_retries ?? litellm.num_retries ?? ROUTER_DEFAULTS.numRetries,
    allowedFails: router.allowed_fails ?? ROUTER_DEFAULTS.allowedFails,
    cooldownMs: (router.cooldown_time ?? ROUTER_DEFAULTS.cooldownSeconds) * 1000,
    callTimeoutMs: (litellm.request_timeout ?? ROUTER_DEFAULTS.callTimeoutSeconds) * 1000,
    overallTimeoutMs: router.timeout !== undefined ? router.timeout * 1000 : undefined,
    streamTimeoutMs: router.stream_timeout !== undefined ? router.stream_timeout * 1000 : undefined,
    fallbacks: fallbackMap(router.fallbacks),
    contextWindowFallbacks: fallbackMap(router.context_window_fallbacks),
    contentPolicyFallbacks: fallbackMap(router.content_policy_fallbacks),
    defaultFallbacks: router.default_fallbacks ?? [],
  };
}

/**
 * Model name → its deployments, and the policy to route them with. Immutable:
 * a reload or a user_config builds a new table.
 */
export class RouteTable {
  readonly groups: ReadonlyMap<string, readonly Deployment[]>;
  /** The same deployments by their `litellm_params.model` (`gpt-3.5-turbo`, `azure/chatgpt-v-2`). */
  private readonly byLitellmModel: ReadonlyMap<string, readonly Deployment[]>;

  constructor(
    deployments: readonly Deployment[],
    readonly policy: RouterPolicy,
  ) {
    const groups = new Map<string, Deployment[]>();
    const byModel = new Map<string, Deployment[]>();
    for (const d of deployments) {
      groups.set(d.modelName, [...(groups.get(d.modelName) ?? []), d]);
      byModel.set(d.params.model, [...(byModel.get(d.params.model) ?? []), d]);
    }
    this.groups = groups;
    this.byLitellmModel = byModel;
  }

  static fromConfig(config: LoadedConfig): RouteTable {
    return new RouteTable(config.deployments, routerPolicy(config.router, config.litellm));
  }

  get modelNames(): string[] {
    return [...this.groups.keys()];
  }

  /**
   * A model name's deployments; like LiteLLM's router, a name that is no
   * `model_name` also matches deployments by their `litellm_params.model`.
   */
  deployments(model: string): readonly Deployment[] | undefined {
    return this.groups.get(model) ?? this.byLitellmModel.get(model);
  }
}
