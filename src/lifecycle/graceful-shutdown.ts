import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { LifecycleState } from '../health/lifecycle.state';

export const DEFAULT_SHUTDOWN_GRACE_SECONDS = 25;
/** Flushing the sinks (app.close) gets this long after the drain before the process exits anyway. */
const CLOSE_TIMEOUT_MS = 10_000;
const POLL_MS = 50;

export interface GracefulShutdownOptions {
  graceSeconds: number;
  /**
   * Seconds to keep accepting connections after readiness fails, so load
   * balancers see the 503 and stop sending before connections are refused
   * (general_settings.shutdown_delay_seconds; 0 by default, where a
   * Kubernetes preStop hook does the same).
   */
  delaySeconds?: number;
  logger: LoggerService;
  /** process.exit by default; tests pass their own. */
  exit?: (code: number) => void;
}

/**
 * SPEC 10. On the first signal readiness fails (LifecycleState); after the
 * optional delay the server stops accepting connections, idle keep-alive
 * connections are closed and busy ones finish their call (streams included)
 * and then close, all within the grace period; then the app closes (the
 * sinks flush in their shutdown hooks) and the process exits 0. A second
 * signal exits at once.
 */
export class GracefulShutdown {
  private readonly sockets = new Set<Socket>();
  /** Requests being answered on each socket (more than one with pipelining). */
  private readonly active = new Map<Socket, number>();
  private draining?: Promise<void>;
  private readonly exit: (code: number) => void;

  constructor(
    private readonly app: INestApplication,
    private readonly server: Server,
    private readonly options: GracefulShutdownOptions,
  ) {
    this.exit = options.exit ?? ((code) => process.exit(code));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => {
        this.sockets.delete(socket);
        this.active.delete(socket);
      });
    });
    server.on('request', (req, res) => {
      const socket = req.socket;
      this.active.set(socket, (this.active.get(socket) ?? 0) + 1);
      // During the drain a kept-alive connection takes no further call.
      if (this.draining && !res.headersSent) res.setHeader('connection', 'close');
      res.once('close', () => {
        const left = (this.active.get(socket) ?? 1) - 1;
        if (left > 0) this.active.set(socket, left);
        else this.active.delete(socket);
      });
    });
  }

  get inProgress(): boolean {
    return this.draining !== undefined;
  }

  /** Installs the handlers on the process (SIGTERM and SIGINT). */
  listen(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): this {
    for (const signal of signals) process.on(signal, () => void this.onSignal(signal));
    return this;
  }

  onSignal(signal: string): Promise<void> {
    if (this.draining) {
      this.options.logger.warn(`second ${signal}: exiting now without waiting for calls in flight`);
      this.exit(1);
      return this.draining;
    }
    this.draining = this.drain(signal);
    return this.draining;
  }

  private async drain(signal: string): Promise<void> {
    const { logger, graceSeconds } = this.options;
    const delaySeconds = Math.max(0, this.options.delaySeconds ?? 0);
    logger.log(`${signal} received: readiness is down; draining ${this.active.size} busy connection(s) (delay ${delaySeconds}s, grace ${graceSeconds}s)`);
    this.app.get(LifecycleState).startDraining();
    const deadline = Date.now() + (delaySeconds + graceSeconds) * 1000;
    if (delaySeconds > 0) await sleep(delaySeconds * 1000);
    this.server.close();
    while (this.sockets.size > 0 && Date.now() < deadline) {
      // Idle keep-alive sockets would hold the server open: close them; busy ones finish first.
      for (const s of this.sockets) if (!this.active.has(s)) s.destroy();
      if (this.sockets.size === 0) break;
      await sleep(POLL_MS);
    }
    if (this.sockets.size > 0) {
      logger.warn(`grace period over: closing ${this.sockets.size} connection(s) with calls still in flight`);
      for (const s of this.sockets) s.destroy();
    }
    let code = 0;
    try {
      await Promise.race([this.app.close(), sleep(CLOSE_TIMEOUT_MS, false).then(() => Promise.reject(new Error(`app did not close within ${CLOSE_TIMEOUT_MS} ms`)))]);
      logger.log('shutdown complete');
    } catch (err) {
      logger.error(`shutdown: ${err instanceof Error ? err.message : String(err)}`);
      code = 1;
    }
    this.exit(code);
  }
}

/** main.ts: drain on SIGTERM/SIGINT. */
export function installGracefulShutdown(app: INestApplication, server: Server, options: GracefulShutdownOptions): GracefulShutdown {
  return new GracefulShutdown(app, server, options).listen();
}

/** `keepAlive: false` lets the process end meanwhile if nothing else is pending. */
function sleep(ms: number, keepAlive = true): Promise<void> {
  return new Promise((r) => {
    const timer = setTimeout(r, ms);
    if (!keepAlive) timer.unref();
  });
}
