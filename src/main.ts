import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createGatewayApp } from './app.factory';
import { ConfigError } from './config/config-error';
import { loadConfigFile } from './config/config.loader';
import type { LoadedConfig } from './config/loaded-config';
import { ConfigReloadService } from './lifecycle/config-reload.service';
import { DEFAULT_SHUTDOWN_GRACE_SECONDS, installGracefulShutdown } from './lifecycle/graceful-shutdown';
import { warmUpBeforeReady } from './lifecycle/warm-up/warm-up';

async function bootstrap(): Promise<void> {
  const file = process.env.CONFIG_PATH ?? 'config/config.yaml';
  let config: LoadedConfig;
  try {
    config = loadConfigFile(file);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const app = await createGatewayApp(config);
  const logger = new Logger('Gateway');
  for (const warning of config.warnings) logger.warn(warning);

  const host = process.env.HOST ?? '0.0.0.0';
  const port = Number(process.env.PORT ?? 4000);
  await app.listen(port, host);
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeouts
  server.headersTimeout = 66_000;
  const shutdown = installGracefulShutdown(app, server, {
    graceSeconds: Number(config.general.shutdown_grace_seconds ?? DEFAULT_SHUTDOWN_GRACE_SECONDS),
    delaySeconds: Number(config.general.shutdown_delay_seconds ?? 0) || 0,
    logger,
  });

  // SIGHUP re-reads the config file; an invalid one is refused (and logged) and the current one stays.
  const reloads = app.get(ConfigReloadService);
  process.on('SIGHUP', () => {
    if (shutdown.inProgress) return;
    try {
      reloads.reload('SIGHUP');
    } catch (err) {
      if (!(err instanceof ConfigError)) logger.error(`config reload failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  // Readiness answers 503 until the warm-up is done; a failed warm-up is logged and readiness turns 200 anyway.
  void warmUpBeforeReady(app, config, (err) => logger.warn(`warm-up failed: ${err instanceof Error ? err.message : String(err)}`));
  logger.log(`listening on http://${host}:${port} with ${config.deployments.length} deployment(s) from ${file}`);
}

bootstrap().catch((err) => {
  process.stderr.write(`Gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
