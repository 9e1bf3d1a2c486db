import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { stringify } from 'yaml';
import { createGatewayApp } from '../../app.factory';
import { parseConfig } from '../../config/config.loader';
import type { LoadedConfig } from '../../config/loaded-config';
import { ReadinessRegistry } from '../../health/readiness.registry';
import { GatewayLoggerService } from '../../observability/logging/gateway-logger.service';
import { WarmUpIndicator } from './warm-up.indicator';
import { WarmUpStandIn } from './warm-up.stand-in';

export const DEFAULT_WARMUP_REQUESTS = 300;
/** Calls in flight at once during the warm-up. */
const CONCURRENCY = 4;
const DISCARD = { write: () => true };
const FREE = { input_cost_per_token: 0, output_cost_per_token: 0 };

/** `general_settings.warmup_requests` (0 turns the warm-up off). */
export function warmUpRequests(config: LoadedConfig): number {
  return Math.floor(Number(config.general.warmup_requests ?? DEFAULT_WARMUP_REQUESTS));
}

/**
 * Keeps readiness at 503 until the hot paths are compiled: a shadow gateway
 * app (same code, its own metrics registry, no sinks, an in-memory database)
 * in this process serves `requests` calls - chat, streamed chat, embeddings -
 * from a loopback stand-in deployment, then closes. The serving app never sees
 * these calls: no sink event, no metric, no spend, no provider traffic.
 * Resolves when readiness has turned 200; a failing warm-up still turns it 200.
 */
export async function warmUpBeforeReady(app: NestExpressApplication, config: LoadedConfig, onError?: (err: unknown) => void): Promise<void> {
  const requests = warmUpRequests(config);
  if (requests <= 0) return;
  const indicator = new WarmUpIndicator();
  app.get(ReadinessRegistry).register(indicator);
  try {
    await runWarmUp(app, requests);
  } catch (err) {
    onError?.(err);
  } finally {
    indicator.finish();
  }
}

async function runWarmUp(app: NestExpressApplication, requests: number): Promise<void> {
  const standIn = new WarmUpStandIn();
  const apiBase = await standIn.start();
  let shadow: NestExpressApplication | undefined;
  try {
    const key = `sk-warmup-${randomUUID()}`;
    shadow = await createGatewayApp(shadowConfig(apiBase, key), { logger: false });
    // `logger: false` silences Nest's static Logger process-wide: hand it back to the serving app's logger.
    app.useLogger(app.get(GatewayLoggerService));
    // The shadow's own access lines (one per warm-up call) go nowhere: its failures surface as a failed call below.
    shadow.get(GatewayLoggerService).setDestination(DISCARD);
    await shadow.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(shadow.getHttpServer().address() as AddressInfo).port}/v1`;
    let next = 0;
    const worker = async () => {
      while (next < requests) await call(url, key, next++);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    shadow?.getHttpServer().closeAllConnections?.();
    await shadow?.close();
    await standIn.stop();
  }
}

function shadowConfig(apiBase: string, key: string): LoadedConfig {
  const yaml = stringify({
    model_list: [
      // Priced at zero (they cost nothing): no "no price known" warning from the shadow in the serving app's log.
      { model_name: 'warmup-chat', litellm_params: { model: 'openai/warmup', api_base: apiBase, api_key: 'sk-stand-in', ...FREE } },
      { model_name: 'warmup-embed', litellm_params: { model: 'openai/warmup-embed', api_base: apiBase, api_key: 'sk-stand-in', ...FREE } },
    ],
    general_settings: { master_key: key, database_path: 'memory://warm-up', warmup_requests: 0 },
  });
  return parseConfig(yaml, 'warm-up', { env: {} });
}

const BODIES = [
  JSON.stringify({ model: 'warmup-chat', messages: [{ role: 'user', content: 'warm up' }] }),
  JSON.stringify({ model: 'warmup-chat', messages: [{ role: 'user', content: 'warm up' }], stream: true }),
];
const EMBED = JSON.stringify({ model: 'warmup-embed', input: 'warm up' });

async function call(url: string, key: string, n: number): Promise<void> {
  const kind = n % 3;
  const res = await fetch(kind === 2 ? `${url}/embeddings` : `${url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: kind === 2 ? EMBED : BODIES[kind],
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`warm-up call answered ${res.status}`);
}
