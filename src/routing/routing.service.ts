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
  ContextWindowExceededError,
} from '../common/errors';
import { secretMasker } from '../observability/redaction/secret-masker';
import type { CallOptions, ProviderAdapter } from '../providers/provider-adapter.interface';
import { Capability, ProviderRegistry } from '../providers/provider.registry';
import { ClientCredentials, usesClientCredentials, withClientCredentials } from './client-credentials';
import type { Deployment } from '../deployments/deployment';
import { inputLimit, judgeCandidates, secondsUntilAvailable, type CandidateVerdict } from './deployment-selector';
import { coolsDownAtOnce, fallbackListFor, fallbackListsFor, isCallersFault } from './failure-policy';
import { ROUTER_DEFAULTS, type RouteTable } from './route-table';
import { RouteTrace, RouteTracer } from './route-trace';
import { RouteTableService } from './route-table.service';
import { CALL_ADMISSION, type CallAdmission, CLOCK, Clock, noRoutingEvents, realSleep, ROUTING_EVENTS, RoutingEvents, systemClock } from './routing.di-tokens';
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
  /**
   * Rough prompt size, for deployments with `model_info.max_input_tokens`; a
   * function is only called (once) when some deployment declares a limit.
   */
  promptTokens?: number | (() => number);
  invoke(adapter: ProviderAdapter, deployment: Deployment, options: CallOptions): Promise<T>;
  /** Tokens used, read from a successful answer (for tpm). */
  tokensOf?(value: T): number | undefined;
  /**
   * Only this deployment of the asked-for model, when it has one (a provider's
   * own Responses id is known to the deployment that made it alone); fallbacks still apply.
   */
  pinnedDeploymentId?: string;
  /** For streams: the upstream call is not over when `invoke` resolves; `settle` is called with a finisher. */
  deferEnd?: boolean;
  /** `false` for a call that generates nothing (Messages count_tokens): no key budget, limits or spend row. */
  admit?: boolean;
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
    @Optional() private readonly tracer?: RouteTracer,
    @Optional() @Inject(CALL_ADMISSION) private readonly admission?: CallAdmission,
  ) {
    this.strategies = new Map(strategies.map((s) => [s.name, s]));
    this.events.watchDeploymentsInCooldown?.(() => this.countCoolingDown());
  }

  /** The gateway's own deployments cooling down now (for the metrics gauge). */
  private async countCoolingDown(): Promise<number> {
    const now = this.clock.now();
    const ids = [...this.tables.current.groups.values()].flat().map((d) => d.id);
    const states = await this.store.snapshot(ids, now);
    return [...states.values()].filter((s) => s.cooldownUntil > now).length;
  }

  get table(): RouteTable {
    return this.tables.current;
  }

  async execute<T>(req: RoutedCall<T>): Promise<RoutedResult<T>> {
    const table = req.overrides.table ?? this.tables.current;
    if (!table.deployments(req.model)) {
      throw new ModelNotFoundError(`The model \`${req.model}\` does not exist or you do not have access to it.`, { param: 'model' });
    }
    if (req.admit !== false) await this.admission?.admit(req.call, req.model);
    const trace = this.tracer?.start(req.call);
    try {
      return await this.walkFallbacks(req, table, trace);
    } catch (err) {
      if (err instanceof RateLimitError && err.retryAfterSeconds === undefined) err.estimateRetryAfter(await this.retryAfterEstimate(req.call, table));
      throw err;
    } finally {
      trace?.flush();
    }
  }

  private async walkFallbacks<T>(req: RoutedCall<T>, table: RouteTable, trace: RouteTrace | undefined): Promise<RoutedResult<T>> {
    const overall = req.overrides.timeoutMs ?? table.policy.overallTimeoutMs;
    const deadline = overall !== undefined ? this.clock.now() + overall : Infinity;
    let fallbacks: string[] | undefined;
    let fallbackKind: string | undefined;
    const visited = new Set<string>();
    let lastError: GatewayError | undefined;
    for (let model: string | undefined = req.model; model !== undefined; model = fallbacks?.shift()) {
      if (visited.has(model)) continue;
      visited.add(model);
      const deployments = pinned(table.deployments(model), model === req.model ? req.pinnedDeploymentId : undefined);
      if (!deployments) {
        trace?.note(`fallback ${model}: no such model`);
        continue;
      }
      if (model !== req.model) this.events.recordFallback(req.model, model);
      trace?.model(model, table.policy.strategy, model !== req.model ? fallbackKind : undefined);
      try {
        const result = await this.tryModel(model, deployments, table, req, deadline, trace);
        if (model !== req.model) {
          req.call.fallbackFrom = req.model;
          result.fallbackModel = model;
        }
        return result;
      } catch (err) {
        lastError = asGatewayError(err);
        if (req.signal.aborted || this.clock.now() >= deadline) throw lastError;
        // The list is chosen once, by how the asked-for model failed; fallbacks never chain or loop.
        if (fallbacks === undefined) {
          const kind = req.overrides.disableFallbacks ? null : fallbackListFor(lastError);
          fallbackKind = kind ?? undefined;
          fallbacks = kind === null ? [] : fallbackListsFor(req.model, table.policy, req.overrides.fallbacks)[kind];
          if (trace && fallbacks.length === 0) trace.note(req.overrides.disableFallbacks ? 'fallbacks disabled' : 'no fallback applies');
        }
      }
    }
    throw lastError!;
  }

  private async tryModel<T>(
    model: string,
    deployments: readonly Deployment[],
    table: RouteTable,
    req: RoutedCall<T>,
    deadline: number,
    trace: RouteTrace | undefined,
  ): Promise<RoutedResult<T>> {
    const ids = deployments.map((d) => d.id);
    const retries = Math.min(10, req.overrides.numRetries ?? deployments[0].params.num_retries ?? table.policy.numRetries);
    const strategy = this.strategies.get(table.policy.strategy) ?? this.strategies.get('simple-shuffle')!;
    const tried = new Set<string>();
    const promptTokens = deployments.some((d) => inputLimit(d) > 0) ? resolvePromptTokens(req.promptTokens) : undefined;
    let lastError: GatewayError | undefined;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const now = this.clock.now();
      const states = await this.store.snapshot(ids, now);
      let verdicts = judgeCandidates(deployments, states, now, { tried, promptTokens });
      let available = verdicts.filter((v) => v.kept).map((v) => v.deployment);
      if (available.length === 0 && tried.size > 0) {
        // Every healthy deployment failed once already: the same ones may be retried.
        verdicts = judgeCandidates(deployments, states, now, { promptTokens });
        available = verdicts.filter((v) => v.kept).map((v) => v.deployment);
      }
      trace?.candidates(verdicts);
      if (available.length === 0) throw lastError ?? noDeployment(model, verdicts, states, now);
      const pick = strategy.pick(available, states, Math.random);
      const { deployment } = pick;
      trace?.pick(deployment.id, pick.reason);
      if (lastError && tried.has(deployment.id)) await this.backoff(attempt, lastError, deadline, req.signal);
      try {
        const result = await this.callDeployment(deployment, table, req, deadline);
        trace?.outcome(deployment.id);
        return result;
      } catch (err) {
        lastError = secretMasker.maskError(asGatewayError(err), req.call.secrets);
        trace?.outcome(deployment.id, lastError);
        tried.add(deployment.id);
        if (req.signal.aborted) throw new ClientClosedRequestError('The client closed the request');
        // A failure on the caller's own credentials says nothing about the operator's deployment.
        if (!usesClientCredentials(req.overrides.credentials)) await this.onFailure(deployment, lastError, table);
        if (!lastError.retryable || attempt === retries || this.clock.now() >= deadline) throw lastError;
        this.events.recordRetry(model, deployment.id);
      }
    }
    throw lastError!;
  }

  private async callDeployment<T>(base: Deployment, table: RouteTable, req: RoutedCall<T>, deadline: number): Promise<RoutedResult<T>> {
    const call = req.call;
    call.deploymentId = base.id;
    call.provider = base.params.mock_response !== undefined ? 'mock' : base.provider;
    call.upstreamModel = base.upstreamModel;
    const deployment = withClientCredentials(base, req.overrides.credentials);
    if (deployment.missingEnv.length > 0 && deployment.params.mock_response === undefined) {
      throw new AuthenticationError(
        `Deployment ${deployment.id} of model '${deployment.modelName}' has no credentials: environment variable ${deployment.missingEnv.join(', ')} is not set on the gateway`,
        { code: 'missing_credentials', provider: deployment.provider, retryable: true },
      );
    }
    const adapter = this.providers.require(deployment, req.capability);
    // Counted once the call is really going out: refusals above made no upstream call.
    call.attempts++;
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

  /**
   * A provider 429 that gave no hint (Bedrock's ThrottlingException, many
   * Cohere and Gemini answers): the time until the deployment that answered
   * leaves its cooldown, else the cooldown itself (the gateway's own reading
   * of a provider's rate window), in whole seconds, at least 1.
   */
  private async retryAfterEstimate(call: CallRecord, table: RouteTable): Promise<number> {
    const now = this.clock.now();
    const id = call.deploymentId;
    const state = id ? (await this.store.snapshot([id], now).catch(() => undefined))?.get(id) : undefined;
    const ms = state && state.cooldownUntil > now ? state.cooldownUntil - now : table.policy.cooldownMs;
    return Math.max(1, Math.ceil(ms / 1000));
  }

  /**
   * Waits before calling the same deployment again: the provider's
   * Retry-After when it sent one (a longer wait than the cap gives up on the
   * deployment), else exponential backoff with jitter.
   */
  private async backoff(attempt: number, err: GatewayError, deadline: number, signal: AbortSignal): Promise<void> {
    const exponential = Math.min(MAX_BACKOFF_MS, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
    const retryAfterMs = err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : undefined;
    if (retryAfterMs !== undefined && retryAfterMs > ROUTER_DEFAULTS.maxRetryAfterSeconds * 1000) throw err;
    const wanted = retryAfterMs ?? exponential;
    if (this.clock.now() + wanted >= deadline) throw err;
    await (this.clock.sleep ? this.clock.sleep(wanted, signal) : realSleep(wanted, signal));
  }
}

/**
 * Before any upstream call, no deployment may take it: all at their limits →
 * 429; all too small for the prompt → the context-window error (so that list
 * of fallbacks applies); otherwise (cooling down) → 503. With Retry-After.
 */
export function noDeployment(model: string, verdicts: readonly CandidateVerdict[], states: ReadonlyMap<string, DeploymentState>, now: number): GatewayError {
  const retryAfterSeconds = secondsUntilAvailable(verdicts, states, now);
  const reasons = verdicts.map((v) => `${v.deployment.id}: ${v.reason}`).join('; ');
  if (verdicts.every((v) => v.drop === 'rpm_limit' || v.drop === 'tpm_limit')) {
    return new RateLimitError(`Every deployment of '${model}' is at its rate limit (${reasons})`, { retryAfterSeconds, code: 'deployment_rate_limited' });
  }
  if (verdicts.every((v) => v.drop === 'context_window')) {
    return new ContextWindowExceededError(`The prompt is longer than the context window of every deployment of '${model}' (${reasons})`, {
      param: 'messages',
      code: 'context_length_exceeded',
    });
  }
  return new ServiceUnavailableError(`No deployment of '${model}' is available right now (${reasons})`, { retryAfterSeconds, code: 'no_deployment_available' });
}

function pinned(deployments: readonly Deployment[] | undefined, id: string | undefined): readonly Deployment[] | undefined {
  if (!deployments || id === undefined) return deployments;
  const only = deployments.filter((d) => d.id === id);
  return only.length > 0 ? only : deployments;
}

function resolvePromptTokens(value: RoutedCall<unknown>['promptTokens']): number | undefined {
  return typeof value === 'function' ? value() : value;
}

function asGatewayError(err: unknown): GatewayError {
  return err instanceof GatewayError ? err : new InternalGatewayError('The gateway hit an internal error while calling the provider.', { cause: err });
}
