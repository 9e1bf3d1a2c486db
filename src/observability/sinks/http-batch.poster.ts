import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { SinkDeliveryError } from './sink-delivery.error';

export interface HttpPosterOptions {
  url: string;
  headers?: Record<string, string>;
  /** Per attempt, headers and body included. */
  timeoutMs: number;
  /** Attempts after the first, on network errors, 408, 429 and 5xx. */
  maxRetries: number;
  /** First backoff; doubles each retry (with jitter), capped at 10 s. */
  retryBaseMs?: number;
}

export interface PostResult {
  status: number;
  body: string;
}

const MAX_BACKOFF_MS = 10_000;

const isRetryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/** POSTs one JSON body to a collector with a timeout and retries; shared by the webhook and Langfuse sinks. */
export class HttpBatchPoster {
  private readonly host: string;

  constructor(private readonly options: HttpPosterOptions) {
    this.host = new URL(options.url).host;
  }

  /** Resolves on a 2xx answer; rejects with a `SinkDeliveryError` once retries are used up. */
  async post(body: string): Promise<PostResult> {
    const { maxRetries, retryBaseMs = 250 } = this.options;
    let lastError: SinkDeliveryError | undefined;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      // Unref: the shutdown flush holds the process open with its own deadline timer.
      if (attempt > 0) await sleep(this.backoff(attempt, retryBaseMs), undefined, { ref: false });
      try {
        return await this.attempt(body);
      } catch (err) {
        lastError = err instanceof SinkDeliveryError ? err : new SinkDeliveryError(`POST to ${this.host} failed: ${errorCode(err)}`, undefined, true);
        if (!lastError.retryable) break;
      }
    }
    throw lastError!;
  }

  private async attempt(body: string): Promise<PostResult> {
    const { url, headers, timeoutMs } = this.options;
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.body.text();
    if (res.statusCode >= 200 && res.statusCode < 300) return { status: res.statusCode, body: text };
    throw new SinkDeliveryError(`POST to ${this.host} answered HTTP ${res.statusCode}`, res.statusCode, isRetryableStatus(res.statusCode));
  }

  private backoff(attempt: number, baseMs: number): number {
    const exp = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (attempt - 1));
    return exp / 2 + Math.random() * (exp / 2);
  }
}

/** A short cause without the URL (which may carry a token). */
function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; name?: unknown };
    if (typeof e.code === 'string') return e.code;
    if (typeof e.name === 'string') return e.name;
  }
  return 'unknown error';
}
