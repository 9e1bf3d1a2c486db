import { Inject, Injectable, LoggerService, OnApplicationShutdown, Optional } from '@nestjs/common';
import pino, { Logger, LevelWithSilent } from 'pino';
import { GatewayConfigService } from '../../config/gateway-config.service';
import type { CallEvent } from '../events/call-event';
import { LOG_DESTINATION, LogDestination } from '../observability.di-tokens';
import { secretMasker } from '../redaction/secret-masker';

const LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * The gateway's logger: JSON lines through pino on an asynchronous
 * destination, so a slow stdout never blocks a request. Every line passes
 * the secret masker. Implements Nest's `LoggerService` (`app.useLogger(...)`), and
 * accepts structured fields Nest-style: `log('message', {key: value}, 'Context')`.
 */
@Injectable()
export class GatewayLoggerService implements LoggerService, OnApplicationShutdown {
  readonly level: LevelWithSilent;
  private destination: LogDestination;
  private logger: Logger;

  constructor(config: GatewayConfigService, @Optional() @Inject(LOG_DESTINATION) destination?: LogDestination) {
    this.level = resolveLevel(process.env.LOG_LEVEL, config.current.logging.level);
    this.destination = destination ?? pino.destination({ dest: process.stdout.fd ?? 1, sync: false });
    this.logger = this.build();
  }

  /** Sends later lines elsewhere (a test capturing output, say); the old destination is flushed. */
  setDestination(destination: LogDestination): void {
    this.flush();
    this.destination = destination;
    this.logger = this.build();
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** The access log: one line per finished call, never with bodies. */
  access(event: CallEvent): void {
    if (!this.logger.isLevelEnabled('info')) return;
    this.logger.info(
      secretMasker.redact({
        request_id: event.request_id,
        route: event.route,
        model: event.model,
        deployment_id: event.deployment_id,
        provider: event.provider,
        status: event.http_status,
        outcome: event.status,
        latency_ms: event.response_ms,
        ttft_ms: event.time_to_first_token_ms,
        attempts: event.attempts,
        fallback_from: event.fallback_from,
        stream: event.stream,
        total_tokens: event.usage?.total_tokens ?? null,
        key_alias: event.key_alias,
        team_id: event.team_id,
        cost: event.cost,
        error_type: event.error?.type ?? null,
        error_code: event.error?.code ?? null,
      }),
      'request completed',
    );
  }

  /** Raw text onto the same destination (the stdout sink's event lines); the caller redacts. */
  writeStdout(text: string): void {
    this.destination.write(text);
  }

  onApplicationShutdown(): void {
    this.flush();
  }

  private flush(): void {
    try {
      this.destination.flushSync?.();
    } catch {
      // not open yet, or already closed: nothing buffered to lose
    }
  }

  private build(): Logger {
    return pino(
      {
        level: this.level,
        base: { pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        // Errors are already plain, redacted objects (the redactor serialises them).
        serializers: { err: (value: unknown) => value },
      },
      this.destination as pino.DestinationStream,
    );
  }

  /** Nest passes `(message, ...optional, context?)`; objects become fields, errors are serialised. */
  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const rest = [...params];
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') fields.context = rest.pop();
    for (const p of rest) {
      if (p instanceof Error) fields.err = p;
      else if (p !== null && typeof p === 'object' && !Array.isArray(p)) Object.assign(fields, p);
      else if (typeof p === 'string' && level === 'error') fields.stack = p; // Nest: error(message, stack, context)
      else if (p !== undefined) fields.extra = p;
    }
    let text: string;
    if (message instanceof Error) {
      fields.err = message;
      text = message.message;
    } else if (message !== null && typeof message === 'object') {
      Object.assign(fields, message);
      text = typeof (message as { msg?: unknown }).msg === 'string' ? String((message as { msg: string }).msg) : '';
      delete fields.msg;
    } else {
      text = String(message);
    }
    this.logger[level](secretMasker.redact(fields), secretMasker.mask(text));
  }
}

function resolveLevel(env: string | undefined, configured: string | undefined): LevelWithSilent {
  for (const candidate of [env, configured]) {
    const level = candidate?.trim().toLowerCase();
    if (level === 'verbose') return 'trace';
    if (level === 'log') return 'info';
    if (level && LEVELS.includes(level)) return level as LevelWithSilent;
  }
  return 'info';
}
