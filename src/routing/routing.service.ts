import { Inject, Injectable, Optional } from '@nestjs/common';
import type { CallRecord } from '../common/context/call-record';
import {
  ClientClosedRequestError,
  GatewayError,
  InternalGatewayError,
  ModelNotFoundError,
  RateLimitError,
  ServiceUnavailableError,
  AuthenticationError,
} from '../common/errors';
import type { CallOptions, ProviderAdapter } from '../providers/provider-adapter.interface';
import { Capability, ProviderRegistry } from '../providers/provider.registry';
import { ClientCredentials, withClientCredentials } from './client-credentials';
import type { Deployment } from './deployment';
import { judgeCandidates, secondsUntilAvailable, type CandidateVerdict } from './deployment-selector';
import { coolsDownAtOnce, fallbackListFor, isCallersFault } from './failure-policy';
import type { RouteTable } from './route-table';
import { RouteTableService } from './route-table.service';
import { CLOCK, Clock, noRoutingEvents, ROUTING_EVENTS, RoutingEvents, systemClock } from './routing.di-tokens';
import { ROUTER_STATE_STORE, type DeploymentState, type RouterStateStore } from './state/router-state.store';
import { ROUTING_STRATEGIES, type RoutingStrategy } from './strategies/routing-strategy.interface';

const FAILURE_WINDOW_MS = 60_000;
const MAX_BACKOFF_MS = 5_000;

/** What a caller may change about routing for one request (SPEC 6, issue 3). */
export interface RequestOverrides {
  numRetries?: number;
  fallbacks?: string[];
  disableFallbacks?: boolean;
  timeoutMs?: number;
  credentials: ClientCredentials;
  /** A router built from the request's `user_config`. */
  table?: RouteTable;
}

export interface RoutedCall<T> {
  model: string;
  capability: Capability;
  call: CallRecord;
  signal: AbortSignal;
  overrides: RequestOverrides;
  /** Rough prompt size, for deployments with `model_info.max_input_tokens`. */
  promptTokens?: number;
  invoke(adapter: ProviderAdapter, deployment: Deployment, options: CallOptions): Promise<T>;
  /** Tokens used, read from a successful answer (for tpm). */
  tokensOf?(value: T): number | undefined;
  /** For streams: the upstream call is not over when `invoke` resolves; `settle` is called with a finisher. */
  deferEnd?: boolean;
}

export interface RoutedResult<T> {
  value: T;
  deployment: Deployment;
  /** The model name that answered, when a fallback did. */
  fallbackModel?: string;
  /** For deferred (stream) calls: call once the stream has ended, with the tokens used. */
  end?: (tokens?: number) => void;
}

/**
 * Routes one call: picks a deployment of the model with the configured
 * strategy, retries retryable failures (on another healthy deployment first,
 * else after a backoff honouring Retry-After), cools deployments down, and
 * walks the fallbacks. It reads `GatewayError.retryable` and the error's
 * class, nothing else.
 */
@Injectable()
export class RoutingService {
  private readonly strategies: Map<string, RoutingStrategy>;

  constructor(
    private readonly tables: RouteTableService,
    private readonly providers: ProviderRegistry,
    @Inject(ROUTER_STATE_STORE) private readonly store: RouterStateStore,
    @Inject(ROUTING_STRATEGIES) strategies: RoutingStrategy[],
    @Optional() @Inject(ROUTING_EVENTS) private readonly events: RoutingEvents = noRoutingEvents,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {
    this.strategies = new Map(strategies.map((s) => [s.name, s]));
  }

  get table(): RouteTable {
    return this.tables.current;
  }

  async execute<T>(req: RoutedCall<T>): Promise<RoutedResult<T>> {
    const table = req.overrides.table ?? this.tables.current;
    if (!table.deployments(req.model)) {
      throw new ModelNotFoundError(`The model \`${req.model}\` does not exist or you do not have access to it.`, { param: 'model' });
    }
    const overall = req.overrides.timeoutMs ?? table.policy.overallTimeoutMs;
    const deadline = overall !== undefined ? this.clock.now() + overall : Infinity;
    let fallbacks: string[] | undefined;
    const visited = new Set<string>();
    let lastError: GatewayError | undefined;
    for (let model: string | undefined = req.model; model !== undefined; model = fallbacks?.shift()) {
      if (visited.has(model)) continue;
      visited.add(model);
      const deployments = table.deployments(model);
      if (!deployments) continue;
      if (model !== req.model) this.events.recordFallback(req.model, model);
      try {
        const result = await this.tryModel(model, deployments, table, req, deadline);
        if (model !== req.model) {
          req.call.fallbackFrom = req.model;
          result.fallbackModel = model;
        }
        return result;
      } catch (err) {
        lastError = asGatewayError(err);
        if (req.signal.aborted || this.clock.now() >= deadline) throw lastError;
        // The list is chosen once, by how the asked-for model failed; fallbacks never chain or loop.
        fallbacks ??= req.overrides.disableFallbacks ? [] : this.fallbacksFor(req.model, lastError, table, req.overrides);
      }
    }
    throw lastError!;
  }

  private fallbacksFor(model: string, err: GatewayError, table: RouteTable, overrides: RequestOverrides): string[] {
    const kind = fallbackListFor(err);
    if (kind === null) return [];
    const p = table.policy;
    const general = overrides.fallbacks ?? p.fallbacks.get(model) ?? p.fallbacks.get('*') ?? p.defaultFallbacks;
    if (kind === 'context_window') return [...(p.contextWindowFallbacks.get(model) ?? general)];
    if (kind === 'content_policy') return [...(p.contentPolicyFallbacks.get(model) ?? general)];
    return [...general];
  }

  private async tryModel<T>(
    model: string,
    deployments: readonly Deployment[],
    table: RouteTable,
    req: RoutedCall<T>,
    deadline: number,
  ): Promise<RoutedResult<T>> {
    const ids = deployments.map((d) => d.id);
    const retries = Math.min(10, req.overrides.numRetries ?? deployments[0].params.num_retries ?? table.policy.numRetries);
    const strategy = this.strategies.get(table.policy.strategy) ?? this.strategies.get('simple-shuffle')!;
    const tried = new Set<string>();
    let lastError: GatewayError | undefined;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const now = this.clock.now();
      const states = await this.store.snapshot(ids, now);
      let verdicts = judgeCandidates(deployments, states, now, { tried, promptTokens: req.promptTokens });
      let available = verdicts.filter((v) => v.kept).map((v) => v.deployment);
      if (available.length === 0 && tried.size > 0) {
        // Every healthy deployment failed once already: the same ones may be retried.
        verdicts = judgeCandidates(deployments, states, now, { promptTokens: req.promptTokens });
        available = verdicts.filter((v) => v.kept).map((v) => v.deployment);
      }
      if (available.length === 0) throw lastError ?? this.noDeployment(model, verdicts, states, now);
      const { deployment } = strategy.pick(available, states, Math.random);
      if (lastError && tried.has(deployment.id)) await this.backoff(attempt, lastError, deadline, req.signal);
      try {
        return await this.callDeployment(deployment, table, req, deadline);
      } catch (err) {
        lastError = asGatewayError(err);
        tried.add(deployment.id);
        if (req.signal.aborted) throw new ClientClosedRequestError('The client closed the request');
        await this.onFailure(deployment, lastError, table);
        if (!lastError.retryable || attempt === retries || this.clock.now() >= deadline) throw lastError;
        this.events.recordRetry(model, deployment.id);
      }
    }
    throw lastError!;
  }

  private async callDeployment<T>(base: Deployment, table: RouteTable, req: RoutedCall<T>, deadline: number): Promise<RoutedResult<T>> {
    const deployment = withClientCredentials(base, req.overrides.credentials);
    const call = req.call;
    call.attempts++;
    call.deploymentId = deployment.id;
    call.provider = deployment.params.mock_response !== undefined ? 'mock' : deployment.provider;
    call.upstreamModel = deployment.upstreamModel;
    if (deployment.missingEnv.length > 0 && deployment.params.mock_response === undefined) {
      throw new AuthenticationError(
        `Deployment ${deployment.id} of model '${deployment.modelName}' has no credentials: environment variable ${deployment.missingEnv.join(', ')} is not set on the gateway`,
        { code: 'missing_credentials', provider: deployment.provider, retryable: true },
      );
    }
    const adapter = this.providers.require(deployment, req.capability);
    const streamTimeoutMs = req.deferEnd
      ? (deployment.params.stream_timeout !== undefined ? deployment.params.stream_timeout * 1000 : table.policy.streamTimeoutMs)
      : undefined;
    const perCall = streamTimeoutMs ?? (deployment.params.timeout !== undefined ? deployment.params.timeout * 1000 : table.policy.callTimeoutMs);
    const timeoutMs = Math.max(1, Math.min(perCall, deadline - this.clock.now()));
    const started = performance.now();
    await this.store.beginRequest(deployment.id, this.clock.now());
    let ended = false;
    const end = (outcome: { latencyMs?: number; tokens?: number }) => {
      if (ended) return;
      ended = true;
      void this.store.endRequest(deployment.id, outcome, this.clock.now()).catch(() => undefined);
    };
    try {
      const forwardHeaders = call.traceparent ? { traceparent: call.traceparent } : undefined;
      const value = await req.invoke(adapter, deployment, { signal: req.signal, timeoutMs, requestId: call.requestId, forwardHeaders });
      const latencyMs = performance.now() - started;
      if (req.deferEnd) return { value, deployment: base, end: (tokens) => end({ latencyMs, tokens }) };
      end({ latencyMs, tokens: req.tokensOf?.(value) });
      return { value, deployment: base };
    } catch (err) {
      end({});
      throw err;
    }
  }

  private async onFailure(deployment: Deployment, err: GatewayError, table: RouteTable): Promise<void> {
    if (isCallersFault(err)) return;
    const now = this.clock.now();
    const failures = coolsDownAtOnce(err) ? Infinity : await this.store.recordFailure(deployment.id, now, FAILURE_WINDOW_MS);
    // LiteLLM's reading: allowed_fails failures are tolerated, the next one cools the deployment down.
    if (failures > table.policy.allowedFails && table.policy.cooldownMs > 0) {
      await this.store.setCooldown(deployment.id, now + table.policy.cooldownMs, now);
      this.events.recordCooldown(deployment.id);
    }
  }

  private async backoff(attempt: number, err: GatewayError, deadline: number, signal: AbortSignal): Promise<void> {
    const exponential = Math.min(MAX_BACKOFF_MS, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
    const wanted = err.retryAfterSeconds !== undefined ? Math.min(err.retryAfterSeconds * 1000, 30_000) : exponential;
    if (this.clock.now() + wanted >= deadline) throw err;
    await sleep(wanted, signal);
  }

  /** Before any upstream call: all at their limits → 429; otherwise (cooling down) → 503. */
  private noDeployment(model: string, verdicts: CandidateVerdict[], states: Map<string, DeploymentState>, now: number): GatewayError {
    const retryAfterSeconds = secondsUntilAvailable(verdicts, states, now);
    const reasons = verdicts.map((v) => `${v.deployment.id}: ${v.reason}`).join('; ');
    if (verdicts.every((v) => v.drop === 'rpm_limit' || v.drop === 'tpm_limit')) {
      return new RateLimitError(`Every deployment of '${model}' is at its rate limit (${reasons})`, { retryAfterSeconds, code: 'deployment_rate_limited' });
    }
    return new ServiceUnavailableError(`No deployment of '${model}' is available right now (${reasons})`, { retryAfterSeconds, code: 'no_deployment_available' });
  }
}

function asGatewayError(err: unknown): GatewayError {
  return err instanceof GatewayError ? err : new InternalGatewayError('The gateway hit an internal error while calling the provider.', { cause: err });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
