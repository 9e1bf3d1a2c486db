import type { GatewayError } from '../errors';
import type { Usage } from '../openai/openai.types';
import type { Caller } from '../../keys/keys.types';

export type CallRoute = 'chat.completions' | 'completions' | 'embeddings' | 'moderations' | 'responses' | 'messages';

/**
 * What the gateway learns about one call while serving it. Routing and the
 * controllers fill it in; when the response (or stream) has ended, the
 * observability layer turns it into the sink event (SPEC 9), metrics and the
 * access log line.
 */
export interface CallRecord {
  readonly requestId: string;
  /** Wall-clock start (ms since epoch) and a monotonic start (performance.now()). */
  readonly startedAtEpochMs: number;
  readonly startedAt: number;
  route?: CallRoute;
  /** The model name the client asked for. */
  model?: string;
  stream: boolean;
  /** The deployment that answered (or the last one tried). */
  deploymentId?: string;
  provider?: string;
  upstreamModel?: string;
  /** Upstream calls made (0 for a call refused before routing). */
  attempts: number;
  /** The model name originally asked for, when a fallback model answered. */
  fallbackFrom: string | null;
  /** performance.now() when the first stream chunk was written. */
  firstTokenAt?: number;
  usage?: Usage;
  /** The request's messages / input, as received (before any redaction). */
  input?: unknown;
  /** The assistant message (assembled from the chunks for a stream), or the response data. */
  output?: unknown;
  /** The caller's `metadata`, never sent upstream. */
  metadata?: Record<string, unknown>;
  /** W3C `traceparent` the caller sent, if any. */
  traceparent?: string;
  /** The virtual key's `key_alias` (else a short hash prefix of the key), never the key. */
  keyAlias?: string;
  /** The authenticated caller (set by the auth guard). */
  caller?: Caller;
  /** The virtual key's team, if any. */
  teamId?: string;
  /** USD price of the call; null when its model has no known price (SPEC 11). Unset until priced. */
  cost?: number | null;
  /** Run once when the call has ended, before its event is built (spend settles here). */
  onEnd?: Array<(call: CallRecord) => void>;
  /** The secrets this caller sent (key headers, `api_key`, `user_config` keys): masked out of whatever it is answered. */
  secrets?: readonly string[];
  httpStatus?: number;
  error?: GatewayError;
  /** Set when a client went away before the answer ended. */
  clientAborted?: boolean;
}
