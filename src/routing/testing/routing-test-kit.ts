/**
 * Builders for routing's unit specs: deployments, states, a seeded random,
 * a fake clock whose sleeps advance time instantly, and a RoutingService
 * wired to them with a scripted upstream. No jest here, so it type-checks
 * with the build.
 */
import type { CallRecord } from '../../common/context/call-record';
import type { ProviderRegistry } from '../../providers/provider.registry';
import type { Deployment, LitellmParams } from '../../deployments/deployment';
import { ROUTER_DEFAULTS, RouteTable, routerPolicy, type RouterPolicy } from '../route-table';
import type { RouteTableService } from '../route-table.service';
import { RouteTracer } from '../route-trace';
import type { Clock, RoutingEvents } from '../routing.di-tokens';
import { RoutingService, type RequestOverrides, type RoutedCall } from '../routing.service';
import { InMemoryRouterStateStore } from '../state/in-memory-router-state.store';
import { EMPTY_STATE, type DeploymentState } from '../state/router-state.store';
import { STRATEGY_LIST } from '../strategies';
import type { RouterSettingsSchema } from '../../config/schema/router-settings.schema';

export function deployment(id: string, params: Partial<LitellmParams> = {}, modelName = 'm', modelInfo: Record<string, unknown> = {}): Deployment {
  const model = params.model ?? `openai/${id}`;
  const slash = model.indexOf('/');
  return {
    id,
    modelName,
    provider: slash > 0 ? model.slice(0, slash) : 'openai',
    upstreamModel: slash > 0 ? model.slice(slash + 1) : model,
    params: { ...params, model },
    modelInfo,
    missingEnv: [],
  };
}

export function states(entries: Record<string, Partial<DeploymentState>>): Map<string, DeploymentState> {
  return new Map(Object.entries(entries).map(([id, s]) => [id, { ...EMPTY_STATE, ...s }]));
}

/** mulberry32: a small, good-enough PRNG, so distributions are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A clock that moves only when told to; `sleep` advances it and records the wait. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(public t = Date.UTC(2026, 0, 1, 0, 0, 10)) {}

  now(): number {
    return this.t;
  }

  advance(ms: number): void {
    this.t += ms;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
}

export class RecordingEvents implements RoutingEvents {
  readonly retries: string[] = [];
  readonly fallbacks: string[] = [];
  readonly cooldowns: string[] = [];
  recordRetry(model: string, id: string): void {
    this.retries.push(`${model}/${id}`);
  }
  recordFallback(from: string, to: string): void {
    this.fallbacks.push(`${from}->${to}`);
  }
  recordCooldown(id: string): void {
    this.cooldowns.push(id);
  }
}

export function callRecord(): CallRecord {
  return { requestId: 'req-test', startedAtEpochMs: 0, startedAt: 0, stream: false, attempts: 0, fallbackFrom: null };
}

/** What a scripted deployment does on one call: answer, or throw (an error, or a function that may advance the clock). */
export type Step = string | Error | ((clock: FakeClock) => string | never);

/**
 * A RoutingService over `deployments` with a fake clock, the in-memory store
 * and the real strategies. Each deployment answers from its script (a queue
 * of steps; the last one repeats), default `ok:<id>`.
 */
export function routingRig(deployments: Deployment[], settings: RouterSettingsSchema = {}, policy: Partial<RouterPolicy> = {}) {
  const clock = new FakeClock();
  const store = new InMemoryRouterStateStore();
  const events = new RecordingEvents();
  const tracer = new RouteTracer();
  let table = new RouteTable(deployments, { ...routerPolicy(settings), ...policy });
  const tables = {
    get current() {
      return table;
    },
  } as RouteTableService;
  const providers = { require: () => ({ name: 'fake' }) } as unknown as ProviderRegistry;
  const service = new RoutingService(tables, providers, store, [...STRATEGY_LIST], events, clock, tracer);
  const scripts = new Map<string, Step[]>();
  const calls: string[] = [];
  const seen: Deployment[] = [];

  const rig = {
    clock,
    store,
    events,
    tracer,
    service,
    calls,
    /** The deployments as the adapter received them (client credentials applied). */
    seen,
    script(id: string, ...steps: Step[]) {
      scripts.set(id, steps);
      return rig;
    },
    setTable(next: RouteTable) {
      table = next;
    },
    async call(model = 'm', overrides: Partial<RequestOverrides> = {}, extra: Partial<RoutedCall<string>> = {}) {
      const call = callRecord();
      const controller = new AbortController();
      const result = await service.execute<string>({
        model,
        capability: 'chat',
        call,
        signal: controller.signal,
        overrides: { credentials: {}, ...overrides },
        invoke: async (_adapter, d) => {
          calls.push(d.id);
          seen.push(d);
          const queue = scripts.get(d.id) ?? [];
          const step = queue.length > 1 ? queue.shift()! : (queue[0] ?? `ok:${d.id}`);
          if (step instanceof Error) throw step;
          return typeof step === 'function' ? step(clock) : step;
        },
        ...extra,
      });
      return { result, call };
    },
    /** The call's error (fails the spec if it succeeded). */
    async fail(model = 'm', overrides: Partial<RequestOverrides> = {}, extra: Partial<RoutedCall<string>> = {}) {
      try {
        await rig.call(model, overrides, extra);
      } catch (err) {
        return err as Error & { status: number; code: string | null; retryAfterSeconds?: number };
      }
      throw new Error('expected the call to fail');
    },
  };
  return rig;
}

export { ROUTER_DEFAULTS };
