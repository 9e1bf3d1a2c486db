import { Agent, errors as undiciErrors, request } from 'undici';
import type { Dispatcher } from 'undici';
import { BadGatewayError, GatewayError, TimeoutError } from '../../common/errors';
import { guardedLookup } from '../../common/net/guarded-lookup';

/**
 * One pooled keep-alive dispatcher for every upstream call: sockets are reused
 * across requests to the same origin, which is most of a proxy's speed.
 */
const dispatcher = new Agent({
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 600_000,
  connections: 256,
  pipelining: 1,
  connect: { timeout: 10_000, lookup: guardedLookup() },
});

export interface UpstreamRequest {
  url: string;
  method?: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Aborted by the client's disconnect or by the router's overall deadline. */
  signal: AbortSignal;
  /** Milliseconds to the response headers and, between body chunks, of silence. */
  timeoutMs: number;
  /** For the messages of network errors. */
  provider: string;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

/**
 * Sends one request upstream. Network failures become `BadGatewayError` (502,
 * retryable) and time-outs `TimeoutError` (408); an HTTP error status is NOT
 * thrown here: the provider's errors mapper reads the body and decides.
 */
export async function sendUpstream(req: UpstreamRequest): Promise<UpstreamResponse> {
  // The deadline covers the wait for the response headers; after that undici's
  // bodyTimeout bounds silence between chunks, so a long healthy stream lives on.
  // One controller, aborted by the deadline or by the caller's signal (also
  // later, while the body is read); AbortSignal.any costs several times more.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  if (req.signal.aborted) controller.abort(req.signal.reason);
  else req.signal.addEventListener('abort', () => controller.abort(req.signal.reason), { once: true });
  try {
    const res = await request(req.url, {
      method: req.method ?? 'POST',
      headers: req.headers,
      body: req.body,
      signal: controller.signal,
      dispatcher,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    return { status: res.statusCode, headers: res.headers, body: res.body };
  } catch (err) {
    throw toNetworkError(err, req.provider, timedOut, req.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/** Maps a thrown network/abort error to the gateway's error table. */
export function toNetworkError(err: unknown, provider: string, timedOut: boolean, timeoutMs: number, phase: 'connect' | 'body' = 'connect'): GatewayError {
  if (err instanceof GatewayError) return err;
  if (
    timedOut ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new TimeoutError(`Request to ${provider} timed out after ${timeoutMs / 1000}s`, { provider, cause: err });
  }
  const code = (err as { code?: string } | undefined)?.code;
  const reason = code ?? (err instanceof Error ? err.name : 'network error');
  const what = phase === 'connect' ? `Could not reach ${provider}` : `The connection to ${provider} broke while reading its answer`;
  return new BadGatewayError(`${what}: ${reason}`, { provider, cause: err });
}

/** Reads a whole body as text, at most `limit` bytes (error bodies, mostly). */
export async function readText(body: UpstreamResponse['body'], limit = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      break;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a success body as JSON; anything else is the provider answering nonsense (502). */
export async function readJson<T>(res: UpstreamResponse, provider: string): Promise<T> {
  let text: string;
  try {
    text = await res.body.text();
  } catch (err) {
    throw toNetworkError(err, provider, false, 0, 'body');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadGatewayError(`${provider} answered with a body that is not JSON`, { provider });
  }
  if (parsed === null || typeof parsed !== 'object') {
    throw new BadGatewayError(`${provider} answered with JSON that is not an object`, { provider });
  }
  return parsed as T;
}

/** Case-insensitive single header value. undici lower-cases names already. */
export function headerValue(headers: UpstreamResponse['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
