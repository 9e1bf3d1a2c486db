/**
 * The JSON of `GET /admin/routes` and `POST /admin/routes/explain`. This is a
 * contract: the admin page (GET /admin) and operators' scripts read it, so
 * fields are only ever added. Times are ISO-8601 UTC strings, durations
 * carry their unit in the name, and absent values are `null` (never
 * missing). No field ever holds a credential: no key, no header, and
 * `api_base` without user:password or query string.
 */
import type { DropReason } from '../routing/deployment-selector';
import type { OpenAIErrorType } from '../common/errors';

/** GET /admin/routes */
export interface RoutesView {
  generated_at: string;
  router: RouterView;
  models: ModelRoutesView[];
}

export interface RouterView {
  routing_strategy: string;
  num_retries: number;
  allowed_fails: number;
  cooldown_seconds: number;
  /** The whole routed call (router_settings.timeout), or null for none. */
  timeout_seconds: number | null;
  stream_timeout_seconds: number | null;
}

export interface ModelRoutesView {
  model_name: string;
  deployments: DeploymentView[];
  fallbacks: FallbacksView;
}

export interface DeploymentView {
  id: string;
  /** `mock` for deployments that answer with `mock_response`. */
  provider: string;
  upstream_model: string;
  api_base: string | null;
  weight: number | null;
  limits: { rpm: number | null; tpm: number | null };
  /** Requests and tokens in the current minute. */
  usage: { rpm: number; tpm: number };
  in_flight: number;
  cooldown: { active: boolean; until: string | null; remaining_seconds: number };
  /** Failures in the last minute. */
  recent_failures: number;
  latency_ms: { mean: number | null; p50: number | null; p95: number | null };
  max_input_tokens: number | null;
  /** Names of unset `os.environ/` variables this deployment needs (names only). */
  missing_env: string[];
  /** Whether routing would consider it now, and why not. */
  available: boolean;
  status_reason: string;
}

/** The fallbacks that apply to a model, as routing reads them. */
export interface FallbacksView {
  /** After a retryable failure: the model's list, else `*`, else default_fallbacks. */
  general: string[];
  context_window: string[];
  content_policy: string[];
  /** router_settings.default_fallbacks, shown on its own. */
  default: string[];
}

/** POST /admin/routes/explain */
export interface ExplainView {
  model: string;
  routing_strategy: string;
  /** The rough prompt size used for context-window checks (4 characters a token), or null without messages. */
  prompt_tokens_estimate: number | null;
  candidates: CandidateView[];
  /** The deployment the strategy picks now, or null when none may take the call. */
  pick: { id: string; reason: string } | null;
  /** When no deployment may take the call: the error the caller would get before any upstream call. */
  no_pick_error: { status: number; type: OpenAIErrorType; code: string | null; message: string; retry_after_seconds: number | null } | null;
  fallbacks: ExplainFallbacksView;
}

export interface CandidateView {
  id: string;
  provider: string;
  upstream_model: string;
  kept: boolean;
  picked: boolean;
  /** Why kept or dropped, in words: `cooling down until …`, `at rpm limit (5/5)`, `picked: …`, `available; … picked another (…)`. */
  reason: string;
  drop: DropReason | null;
  /** What the strategy sees in this candidate (`2 in flight`, `weight 1: 25% chance`, …). */
  strategy_view: string;
}

export interface ExplainFallbacksView {
  disabled: boolean;
  on_error: string[];
  on_context_window: string[];
  on_content_policy: string[];
  /** The general chain, model by model, as routing would walk it after a failure now. */
  chain: Array<{ model: string; exists: boolean; pick: { id: string; reason: string } | null; available: number }>;
}
