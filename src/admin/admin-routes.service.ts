import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModelNotFoundError } from '../common/errors';
import { publicApiBase } from '../health/public-api-base';
import type { Deployment } from '../deployments/deployment';
import { judgeCandidates, type CandidateVerdict } from '../routing/deployment-selector';
import { fallbackListsFor } from '../routing/failure-policy';
import { estimatePromptTokens } from '../routing/prompt-size';
import type { RouteTable } from '../routing/route-table';
import { RouteTableService } from '../routing/route-table.service';
import { CLOCK, systemClock, type Clock } from '../routing/routing.di-tokens';
import { noDeployment } from '../routing/routing.service';
import { EMPTY_STATE, ROUTER_STATE_STORE, type DeploymentState, type RouterStateStore } from '../routing/state/router-state.store';
import { ROUTING_STRATEGIES, type RoutingStrategy, type StrategyPick } from '../routing/strategies/routing-strategy.interface';
import { secretMasker } from '../observability/redaction/secret-masker';
import type { CandidateView, DeploymentView, ExplainView, ModelRoutesView, RoutesView } from './admin-routes.types';
import type { ExplainRequestDto } from './dto/explain-request.dto';

/**
 * Reads the routing table and its live state for admins: `routes()` for
 * GET /admin/routes (and the admin page), `explain()` for
 * POST /admin/routes/explain. Read-only, no upstream call; the shapes are in
 * admin-routes.types.ts.
 */
@Injectable()
export class AdminRoutesService {
  private readonly strategies: ReadonlyMap<string, RoutingStrategy>;

  constructor(
    private readonly tables: RouteTableService,
    @Inject(ROUTER_STATE_STORE) private readonly store: RouterStateStore,
    @Inject(ROUTING_STRATEGIES) strategies: RoutingStrategy[],
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {
    this.strategies = new Map(strategies.map((s) => [s.name, s]));
  }

  async routes(): Promise<RoutesView> {
    const table = this.tables.current;
    const now = this.clock.now();
    const all = [...table.groups.values()].flat();
    const states = await this.store.snapshot(
      all.map((d) => d.id),
      now,
    );
    const p = table.policy;
    // Admin views are pages too: no secret in them, whatever a config or a provider put in a field.
    return secretMasker.redact({
      generated_at: new Date(now).toISOString(),
      router: {
        routing_strategy: p.strategy,
        num_retries: p.numRetries,
        allowed_fails: p.allowedFails,
        cooldown_seconds: p.cooldownMs / 1000,
        timeout_seconds: p.overallTimeoutMs !== undefined ? p.overallTimeoutMs / 1000 : null,
        stream_timeout_seconds: p.streamTimeoutMs !== undefined ? p.streamTimeoutMs / 1000 : null,
      },
      models: [...table.groups].map(([model, deployments]): ModelRoutesView => {
        const verdicts = judgeCandidates(deployments, states, now);
        return {
          model_name: model,
          deployments: verdicts.map((v) => deploymentView(v, states.get(v.deployment.id) ?? EMPTY_STATE, now)),
          fallbacks: { ...fallbackListsFor(model, p), default: [...p.defaultFallbacks] },
        };
      }),
    });
  }

  async explain(body: ExplainRequestDto): Promise<ExplainView> {
    const table = this.tables.current;
    const deployments = table.deployments(body.model);
    if (!deployments) {
      throw new ModelNotFoundError(`The model \`${body.model}\` does not exist or you do not have access to it.`, { param: 'model' });
    }
    const now = this.clock.now();
    // A chat body's `messages`, or a Responses body's `input` (POST /v1/responses routes the same way).
    const promptTokens = Array.isArray(body.messages)
      ? estimatePromptTokens(body.messages)
      : body.input !== undefined
        ? estimatePromptTokens([{ content: body.input }])
        : undefined;
    const strategy = this.strategyFor(table);
    const { verdicts, pick, states } = await this.judge(deployments, strategy, now, promptTokens);
    const lists = fallbackListsFor(body.model, table.policy, body.fallbacks);
    const disabled = body.disable_fallbacks === true;
    const error = pick ? null : noDeployment(body.model, verdicts, states, now);
    return secretMasker.redact({
      model: body.model,
      routing_strategy: strategy.name,
      prompt_tokens_estimate: promptTokens ?? null,
      candidates: verdicts.map((v) => candidateView(v, pick, strategy, verdicts, states)),
      pick: pick ? { id: pick.deployment.id, reason: pick.reason } : null,
      no_pick_error: error
        ? { status: error.status, type: error.type, code: error.code, message: error.message, retry_after_seconds: error.retryAfterSeconds ?? null }
        : null,
      fallbacks: {
        disabled,
        on_error: disabled ? [] : lists.general,
        on_context_window: disabled ? [] : lists.context_window,
        on_content_policy: disabled ? [] : lists.content_policy,
        chain: disabled ? [] : await this.chain(body.model, lists.general, table, strategy, now, promptTokens),
      },
    });
  }

  /** The general fallbacks in the order routing walks them: each model once, never the asked-for one again. */
  private async chain(model: string, list: readonly string[], table: RouteTable, strategy: RoutingStrategy, now: number, promptTokens?: number) {
    const visited = new Set([model]);
    const out: ExplainView['fallbacks']['chain'] = [];
    for (const name of list) {
      if (visited.has(name)) continue;
      visited.add(name);
      const deployments = table.deployments(name);
      if (!deployments) {
        out.push({ model: name, exists: false, pick: null, available: 0 });
        continue;
      }
      const { verdicts, pick } = await this.judge(deployments, strategy, now, promptTokens);
      out.push({ model: name, exists: true, pick: pick ? { id: pick.deployment.id, reason: pick.reason } : null, available: verdicts.filter((v) => v.kept).length });
    }
    return out;
  }

  private async judge(deployments: readonly Deployment[], strategy: RoutingStrategy, now: number, promptTokens?: number) {
    const states = await this.store.snapshot(
      deployments.map((d) => d.id),
      now,
    );
    const verdicts = judgeCandidates(deployments, states, now, { promptTokens });
    const available = verdicts.filter((v) => v.kept).map((v) => v.deployment);
    const pick = available.length > 0 ? strategy.pick(available, states, Math.random) : undefined;
    return { verdicts, pick, states };
  }

  private strategyFor(table: RouteTable): RoutingStrategy {
    return this.strategies.get(table.policy.strategy) ?? this.strategies.get('simple-shuffle')!;
  }
}

function deploymentView(v: CandidateVerdict, s: DeploymentState, now: number): DeploymentView {
  const d = v.deployment;
  const cooling = s.cooldownUntil > now;
  const maxInput = Number(d.modelInfo.max_input_tokens ?? d.modelInfo.max_tokens ?? 0);
  return {
    id: d.id,
    provider: d.params.mock_response !== undefined ? 'mock' : d.provider,
    upstream_model: d.upstreamModel,
    api_base: publicApiBase(d.params.api_base ?? d.params.aws_bedrock_runtime_endpoint),
    weight: d.params.weight ?? null,
    limits: { rpm: d.params.rpm ?? null, tpm: d.params.tpm ?? null },
    usage: { rpm: s.rpm, tpm: s.tpm },
    in_flight: s.inFlight,
    cooldown: {
      active: cooling,
      until: cooling ? new Date(s.cooldownUntil).toISOString() : null,
      remaining_seconds: cooling ? Math.ceil((s.cooldownUntil - now) / 1000) : 0,
    },
    recent_failures: s.recentFailures,
    latency_ms: { mean: round(s.latencyMs), p50: round(s.p50), p95: round(s.p95) },
    max_input_tokens: maxInput > 0 ? maxInput : null,
    missing_env: [...d.missingEnv],
    available: v.kept,
    status_reason: v.reason,
  };
}

function candidateView(
  v: CandidateVerdict,
  pick: StrategyPick | undefined,
  strategy: RoutingStrategy,
  verdicts: readonly CandidateVerdict[],
  states: ReadonlyMap<string, DeploymentState>,
): CandidateView {
  const d = v.deployment;
  const kept = verdicts.filter((x) => x.kept).map((x) => x.deployment);
  const view = v.kept ? strategy.describe(d, kept, states) : strategy.describe(d, [d], states);
  const picked = pick?.deployment.id === d.id;
  let reason = v.reason;
  if (picked) reason = `picked: ${pick.reason}`;
  else if (v.kept) reason = `available; ${strategy.name} picked another (${view})`;
  return {
    id: d.id,
    provider: d.params.mock_response !== undefined ? 'mock' : d.provider,
    upstream_model: d.upstreamModel,
    kept: v.kept,
    picked,
    reason,
    drop: v.drop ?? null,
    strategy_view: view,
  };
}

function round(ms: number | undefined): number | null {
  return ms === undefined ? null : Math.round(ms * 10) / 10;
}
