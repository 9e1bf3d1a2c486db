import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { LifecycleState } from '../health/lifecycle.state';

export const DEFAULT_SHUTDOWN_GRACE_SECONDS = 25;

/**
 * SIGTERM: fail readiness, stop accepting connections, let calls in flight
 * (streams too) finish within the grace period, close the app (which flushes
 * the sinks) and exit 0. A second SIGTERM exits at once.
 */
export function installGracefulShutdown(app: INestApplication, server: Server, graceSeconds: number, logger: LoggerService): void {
  const sockets = new Set<Socket>();
  const busy = new WeakSet<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (req, res) => {
    busy.add(req.socket);
    res.once('close', () => busy.delete(req.socket));
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn?.(`second ${signal}: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal} received: draining (grace ${graceSeconds}s)`);
    app.get(LifecycleState).startDraining();
    server.close();
    // Idle keep-alive sockets would hold close() open; busy ones finish first.
    for (const s of sockets) if (!busy.has(s)) s.destroy();
    server.on('request', (_req, res) => res.setHeader('connection', 'close'));
    const deadline = Date.now() + graceSeconds * 1000;
    while (sockets.size > 0 && Date.now() < deadline) {
      for (const s of sockets) if (!busy.has(s)) s.destroy();
      await new Promise((r) => setTimeout(r, 50));
    }
    if (sockets.size > 0) {
      logger.warn?.(`grace period over: closing ${sockets.size} connection(s)`);
      for (const s of sockets) s.destroy();
    }
    try {
      await app.close();
    } finally {
      logger.log('shutdown complete');
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
