import { Injectable } from '@nestjs/common';
import type { CallRecord } from '../common/context/call-record';
import type { GatewayError } from '../common/errors';
import type { CandidateVerdict } from './deployment-selector';

/** Header values stay well under proxies' limits (8 KiB for all headers is common). */
export const MAX_ROUTE_SUMMARY_CHARS = 2000;

/**
 * The decisions routing made for one call, in order and in short, for the
 * `x-gateway-route` debug header. Only ids, reasons and error classes: never
 * a message (which may quote a provider) and never a credential.
 */
export class RouteTrace {
  private readonly parts: string[] = [];

  constructor(private readonly publish: (summary: string) => void) {}

  model(model: string, strategy: string, via?: string): void {
    this.parts.push(via ? `fallback ${model} (${via}) strategy=${strategy}` : `model=${model} strategy=${strategy}`);
  }

  candidates(verdicts: readonly CandidateVerdict[]): void {
    this.parts.push(verdicts.map((v) => `${v.deployment.id}: ${v.kept ? 'kept' : v.reason}`).join(', '));
  }

  pick(deploymentId: string, reason: string): void {
    this.parts.push(`pick ${deploymentId} (${reason})`);
  }

  outcome(deploymentId: string, error?: GatewayError): void {
    this.parts.push(error ? `${deploymentId} -> ${error.status} ${error.code ?? error.type}` : `${deploymentId} -> ok`);
  }

  note(text: string): void {
    this.parts.push(text);
  }

  /** Hands the summary to whoever asked for it (once; later calls publish the longer summary). */
  flush(): void {
    this.publish(summarise(this.parts));
  }
}

/** One line, printable ASCII only (a header value), cut at the cap. */
export function summarise(parts: readonly string[]): string {
  const line = parts.join('; ').replace(/[^\x20-\x7e]/g, '?');
  return line.length > MAX_ROUTE_SUMMARY_CHARS ? `${line.slice(0, MAX_ROUTE_SUMMARY_CHARS - 3)}...` : line;
}

/**
 * Who wants to hear how a call was routed. The admin layer registers a
 * listener for a call (when the master key sent `x-gateway-debug: true`);
 * routing records a trace only for those calls.
 */
@Injectable()
export class RouteTracer {
  private readonly listeners = new WeakMap<CallRecord, (summary: string) => void>();

  watch(call: CallRecord, listener: (summary: string) => void): void {
    this.listeners.set(call, listener);
  }

  start(call: CallRecord): RouteTrace | undefined {
    const listener = this.listeners.get(call);
    return listener ? new RouteTrace(listener) : undefined;
  }
}
