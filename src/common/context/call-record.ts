import type { GatewayError } from '../errors';
import type { Usage } from '../openai/openai.types';

export type CallRoute = 'chat.completions' | 'embeddings' | 'moderations' | 'responses';

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
  /** A short non-secret id of the caller's key (hash prefix), never the key. */
  keyAlias?: string;
  httpStatus?: number;
  error?: GatewayError;
  /** Set when a client went away before the answer ended. */
  clientAborted?: boolean;
}
