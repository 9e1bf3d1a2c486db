/**
 * The parts of the gateway's JSON answers the page reads: GET /admin/routes
 * and POST /admin/routes/explain (src/admin/admin-routes.types.ts), GET
 * /health, /team/list, /key/list and /spend/report (SPEC 11). Written out
 * here because this program is compiled apart from the server's.
 */

export interface RoutesView {
  router: {
    routing_strategy: string;
    num_retries: number;
    allowed_fails: number;
    cooldown_seconds: number;
    timeout_seconds: number | null;
  };
  models: ModelRoutesView[];
}

export interface ModelRoutesView {
  model_name: string;
  deployments: DeploymentView[];
  fallbacks: { general: string[]; context_window: string[]; content_policy: string[] };
}

export interface DeploymentView {
  id: string;
  provider: string;
  upstream_model: string;
  api_base: string | null;
  weight: number | null;
  limits: { rpm: number | null; tpm: number | null };
  usage: { rpm: number; tpm: number };
  in_flight: number;
  cooldown: { active: boolean; until: string | null };
  recent_failures: number;
  latency_ms: { p50: number | null; p95: number | null };
  missing_env: string[];
  available: boolean;
  status_reason: string;
}

export interface ExplainView {
  model: string;
  routing_strategy: string;
  prompt_tokens_estimate: number | null;
  candidates: Array<{
    id: string;
    provider: string;
    upstream_model: string;
    kept: boolean;
    picked: boolean;
    reason: string;
    drop: string | null;
    strategy_view: string;
  }>;
  pick: { id: string; reason: string } | null;
  no_pick_error: { status: number; type: string; code: string | null; message: string; retry_after_seconds: number | null } | null;
  fallbacks: {
    disabled: boolean;
    on_context_window: string[];
    on_content_policy: string[];
    chain: Array<{ model: string; exists: boolean; pick: { id: string; reason: string } | null }>;
  };
}

export interface HealthView {
  deployments?: Array<{ id: string; success_rate: number | null; calls: { ok: number; failed: number; window_minutes: number } }>;
  router_state?: { backend: string; status: string; address: string };
}

interface Limits {
  rpm_limit?: number | null;
  tpm_limit?: number | null;
  max_parallel_requests?: number | null;
}

export interface TeamView extends Limits {
  team_id: string;
  team_alias: string | null;
  models: string[];
  spend: number;
  max_budget: number | null;
}

export interface KeyView extends Limits {
  token: string;
  key_name: string;
  key_alias: string | null;
  team_id: string | null;
  models: string[];
  spend: number;
  max_budget: number | null;
  expires: string | null;
  blocked: boolean | null;
}

/** One day of GET /spend/report?group_by=team: each team's total, broken down by model in `metadata`. */
export interface SpendReportDay {
  group_by_day: string;
  teams?: Array<{ team_id: string | null; total_spend: number; requests: number; metadata: Array<{ model: string; spend: number; requests: number }> }>;
}
