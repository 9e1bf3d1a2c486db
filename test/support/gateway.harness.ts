import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import OpenAI from 'openai';
import { stringify } from 'yaml';
import { createGatewayApp } from '../../src/app.factory';
import { parseConfig } from '../../src/config/config.loader';
import type { LoadedConfig } from '../../src/config/loaded-config';

export interface StartedGateway {
  /** e.g. http://127.0.0.1:43123 — the gateway's root (OpenAI SDK baseURL works with or without /v1). */
  url: string;
  app: NestExpressApplication;
  config: LoadedConfig;
  /** An OpenAI SDK client pointed at the gateway, no SDK retries. */
  client(apiKey?: string): OpenAI;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for `os.environ/NAME` references. */
  env?: Record<string, string>;
  /** Default key for `client()`. */
  apiKey?: string;
}

/**
 * Starts the real gateway app on a random loopback port with the given
 * config (YAML text or an object written as YAML), as `main.ts` would.
 */
export async function startGateway(config: string | object, options: StartOptions = {}): Promise<StartedGateway> {
  // Access lines would flood the test output; a suite that asserts on them sets LOG_LEVEL itself.
  process.env.LOG_LEVEL ??= 'warn';
  const yaml = typeof config === 'string' ? config : stringify(config);
  const loaded = parseConfig(yaml, 'test-config.yaml', { env: { ...process.env, ...options.env } });
  const app = await createGatewayApp(loaded, { logger: false });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    config: loaded,
    client: (apiKey = options.apiKey ?? 'sk-anything') => new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0, timeout: 20_000 }),
    close: async () => {
      server.closeAllConnections?.();
      await app.close();
    },
  };
}

/** A POST with a raw body, for what SDKs never send (bad JSON, huge bodies). */
export async function rawPost(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}
