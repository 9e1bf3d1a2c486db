import type { CallRecord } from '../common/context/call-record';
/** Injection tokens of the routing module's ports. */
export { ROUTER_STATE_STORE } from './state/router-state.store';
export { ROUTING_STRATEGIES } from './strategies/routing-strategy.interface';

/**
 * Checked before any upstream call of a routed call (key and team limits and
 * budgets, SPEC 11); throws the refusal. Provided by the limits module.
 */
export const CALL_ADMISSION = Symbol('CALL_ADMISSION');

export interface CallAdmission {
  admit(call: CallRecord, model: string): Promise<void>;
}

/** `{ now(): number }` in epoch ms; tests inject a fake one. */
export const CLOCK = Symbol('CLOCK');
/** Where routing reports retries, fallbacks and cooldowns (metrics). */
export const ROUTING_EVENTS = Symbol('ROUTING_EVENTS');

export interface Clock {
  now(): number;
  /** Waits `ms` or until `signal` aborts; a fake clock advances its time instead (tests never sleep). */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep: realSleep };

export function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export interface RoutingEvents {
  recordRetry(model: string, deploymentId: string): void;
  recordFallback(fromModel: string, toModel: string): void;
  recordCooldown(deploymentId: string): void;
  /** Gives metrics a way to count the deployments cooling down right now, read at scrape time. */
  watchDeploymentsInCooldown?(count: () => Promise<number>): void;
}

export const noRoutingEvents: RoutingEvents = {
  recordRetry: () => undefined,
  recordFallback: () => undefined,
  recordCooldown: () => undefined,
};
