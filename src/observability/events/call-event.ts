import type { CallRoute } from '../../common/context/call-record';
import type { Usage } from '../../common/openai/openai.types';

/** The caller's `metadata` as it reaches the sinks; the known keys are typed, the rest pass through. */
export interface CallEventMetadata {
  generation_name?: string;
  generation_id?: string;
  trace_id?: string;
  trace_user_id?: string;
  session_id?: string;
  tags?: string[];
  [key: string]: unknown;
}

export interface CallEventError {
  type: string;
  message: string;
  code: string | null;
}

/** One event per finished call: the SPEC 9 contract every sink receives. */
export interface CallEvent {
  request_id: string;
  /** ISO time the call started. */
  timestamp: string;
  route: CallRoute | null;
  model: string | null;
  deployment_id: string | null;
  provider: string | null;
  upstream_model: string | null;
  status: 'success' | 'failure';
  http_status: number;
  response_ms: number;
  time_to_first_token_ms: number | null;
  attempts: number;
  fallback_from: string | null;
  stream: boolean;
  usage: Usage | null;
  metadata: CallEventMetadata;
  /** A short non-secret id of the caller's key, never the key. */
  key_alias: string | null;
  /** The virtual key's team, and the call's USD price (null when unpriced or not priced) (SPEC 11). */
  team_id: string | null;
  cost: number | null;
  /** Left out when `logging.redact_content` is true. */
  input?: unknown;
  output?: unknown;
  error: CallEventError | null;
  /** Set when content was cut to the event bounds (strings, lists, key sets, nesting); each cut carries a `…[truncated …]` marker. */
  truncated?: true;
}
