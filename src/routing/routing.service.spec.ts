import {
  AuthenticationError,
  BadGatewayError,
  ClientClosedRequestError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InvalidRequestError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from '../common/errors';
import type { CallOptions } from '../providers/provider-adapter.interface';
import type { RouterSettingsSchema } from '../config/schema/router-settings.schema';
import type { Deployment } from '../deployments/deployment';
import { RouteTable, routerPolicy } from './route-table';
import { callRecord, deployment, routingRig } from './testing/routing-test-kit';

const boom = () => new BadGatewayError('upstream 500', { upstreamStatus: 500 });
const SECOND = 1000;

describe('RoutingService: retries', () => {
  it('answers from the first deployment with one attempt', async () => {
    const rig = routingRig([deployment('a')]);
    const { result, call } = await rig.call();
    expect(result.value).toBe('ok:a');
    expect(result.deployment.id).toBe('a');
    expect(call).toMatchObject({ attempts: 1, deploymentId: 'a', provider: 'openai', upstreamModel: 'a' });
    expect(result.fallbackModel).toBeUndefined();
  });

  it('retries a retryable failure on another healthy deployment, without waiting', async () => {
    const rig = routingRig([deployment('a'), deployment('b')], { routing_strategy: 'least-busy' });
    rig.script('a', boom(), 'ok:a').script('b', boom(), 'ok:b');
    const { result, call } = await rig.call();
    expect(result.value).toMatch(/^ok:/);
    expect(rig.calls).toHaveLength(3); // a or b first, then the other, then one that recovered
    expect(call.attempts).toBe(3);
    expect(new Set(rig.calls.slice(0, 2))).toEqual(new Set(['a', 'b'])); // the second attempt went to the other one
    expect(rig.events.retries).toHaveLength(2);
  });

  it('a retry prefers a deployment that has not failed in this call', async () => {
    const rig = routingRig([deployment('a', { weight: 1000 }), deployment('b', { weight: 1 })]);
    rig.script('a', boom());
    const { result } = await rig.call();
    expect(rig.calls[rig.calls.length - 1]).toBe('b');
    expect(result.deployment.id).toBe('b');
    expect(rig.clock.sleeps).toEqual([]);
  });

  it("waits the provider's Retry-After before calling the same deployment again", async () => {
    const rig = routingRig([deployment('a')]);
    rig.script('a', new RateLimitError('slow down', { upstreamStatus: 429, retryAfterSeconds: 2 }), 'ok:a');
    const { result, call } = await rig.call();
    expect(result.value).toBe('ok:a');
    expect(rig.clock.sleeps).toEqual([2000]);
    expect(call.attempts).toBe(2);
  });

  it('gives up at once on a Retry-After longer than the cap, answering that 429', async () => {
    const rig = routingRig([deployment('a')]);
    rig.script('a', new RateLimitError('come back tomorrow', { upstreamStatus: 429, retryAfterSeconds: 3600 }));
    const err = await rig.fail();
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfterSeconds).toBe(3600);
    expect(rig.calls).toEqual(['a']);
    expect(rig.clock.sleeps).toEqual([]);
  });

  it('backs off exponentially with jitter when there is no Retry-After', async () => {
    const rig = routingRig([deployment('a')], { num_retries: 3, allowed_fails: 10 });
    rig.script('a', boom(), boom(), boom(), 'ok:a');
    await rig.call();
    const [first, second, third] = rig.clock.sleeps;
    expect(first).toBeGreaterThanOrEqual(125);
    expect(first).toBeLessThanOrEqual(250);
    expect(second).toBeGreaterThanOrEqual(250);
    expect(second).toBeLessThanOrEqual(500);
    expect(third).toBeGreaterThanOrEqual(500);
    expect(third).toBeLessThanOrEqual(1000);
  });

  it('makes num_retries + 1 attempts at most, then answers the last upstream error', async () => {
    const rig = routingRig([deployment('a'), deployment('b')], { num_retries: 2, allowed_fails: 10 });
    rig.script('a', boom()).script('b', new TimeoutError('slow', { upstreamStatus: 408 }));
    const err = await rig.fail();
    expect(rig.calls).toHaveLength(3);
    expect([502, 408]).toContain(err.status);
  });

  it('takes num_retries from the request, then the deployment, then the router', async () => {
    const rig = routingRig([deployment('a', { num_retries: 1 })], { num_retries: 5, allowed_fails: 10 });
    rig.script('a', boom());
    await rig.fail();
    expect(rig.calls).toHaveLength(2);
    rig.calls.length = 0;
    await rig.fail('m', { numRetries: 0 });
    expect(rig.calls).toHaveLength(1);
  });

  it.each([
    ['an upstream 400', new InvalidRequestError('bad request', { upstreamStatus: 400 })],
    ['a content-policy refusal', new ContentPolicyViolationError('filtered', { upstreamStatus: 400 })],
  ])('never retries %s, and does not hold it against the deployment', async (_name, error) => {
    const rig = routingRig([deployment('a'), deployment('b')], { allowed_fails: 0 });
    rig.script('a', error).script('b', error);
    const err = await rig.fail();
    expect(err).toBe(error);
    expect(rig.calls).toHaveLength(1);
    const s = await rig.store.snapshot(['a', 'b'], rig.clock.now());
    expect([...s.values()].every((x) => x.recentFailures === 0 && x.cooldownUntil === 0)).toBe(true);
  });

  it('stops when the client goes away', async () => {
    const rig = routingRig([deployment('a'), deployment('b')]);
    const controller = new AbortController();
    const err = await rig.fail('m', {}, {
      signal: controller.signal,
      invoke: async () => {
        controller.abort();
        throw new BadGatewayError('cut');
      },
    });
    expect(err).toBeInstanceOf(ClientClosedRequestError);
  });

  it('404s an unknown model before anything else', async () => {
    const rig = routingRig([deployment('a')]);
    const err = await rig.fail('nope');
    expect(err).toMatchObject({ status: 404, code: 'model_not_found' });
    expect(rig.calls).toEqual([]);
  });
});

describe('RoutingService: cooldowns (fake clock, no sleeps)', () => {
  it("tolerates allowed_fails failures in a minute and cools the deployment down on the next (LiteLLM's reading)", async () => {
    const rig = routingRig([deployment('a')], { num_retries: 0, allowed_fails: 2, cooldown_time: 10 });
    rig.script('a', boom());
    for (let i = 0; i < 2; i++) await rig.fail();
    let s = (await rig.store.snapshot(['a'], rig.clock.now())).get('a')!;
    expect(s).toMatchObject({ cooldownUntil: 0, recentFailures: 2 });
    await rig.fail(); // the third failure
    s = (await rig.store.snapshot(['a'], rig.clock.now())).get('a')!;
    expect(s.cooldownUntil).toBe(rig.clock.now() + 10 * SECOND);
    expect(rig.events.cooldowns).toEqual(['a']);
  });

  it('answers 503 api_error with Retry-After, making no call, while every deployment cools down; recovers by itself', async () => {
    const rig = routingRig([deployment('a'), deployment('b')], { num_retries: 0, allowed_fails: 0, cooldown_time: 10 });
    rig.script('a', boom(), 'ok:a').script('b', boom(), 'ok:b');
    await rig.fail();
    await rig.fail();
    expect(rig.events.cooldowns.sort()).toEqual(['a', 'b']);
    const calls = rig.calls.length;
    rig.clock.advance(3 * SECOND);
    const err = await rig.fail();
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(err).toMatchObject({ status: 503, code: 'no_deployment_available', retryAfterSeconds: 7 });
    expect(err.message).toMatch(/a: cooling down until .*Z; b: cooling down until/);
    expect(rig.calls).toHaveLength(calls);
    rig.clock.advance(7 * SECOND);
    expect((await rig.call()).result.value).toMatch(/^ok:/);
  });

  it('forgets failures older than a minute', async () => {
    const rig = routingRig([deployment('a')], { num_retries: 0, allowed_fails: 1, cooldown_time: 10 });
    rig.script('a', boom());
    await rig.fail();
    rig.clock.advance(61 * SECOND);
    await rig.fail();
    expect(rig.events.cooldowns).toEqual([]);
    await rig.fail();
    expect(rig.events.cooldowns).toEqual(['a']);
  });

  it('cools a deployment down at once when the provider rejects its key', async () => {
    const rig = routingRig([deployment('a'), deployment('b')], { num_retries: 0, allowed_fails: 3, cooldown_time: 30 });
    rig.script('a', new AuthenticationError('bad key', { upstreamStatus: 401 }));
    rig.script('b', new AuthenticationError('bad key', { upstreamStatus: 401 }));
    await rig.fail();
    expect(rig.events.cooldowns).toHaveLength(1);
  });

  it('never cools down with cooldown_time 0', async () => {
    const rig = routingRig([deployment('a')], { num_retries: 0, allowed_fails: 0, cooldown_time: 0 });
    rig.script('a', boom());
    await rig.fail();
    await rig.fail();
    expect(rig.events.cooldowns).toEqual([]);
  });

  it("does not hold a failure on the caller's own credentials against the operator's deployment", async () => {
    const rig = routingRig([deployment('a')], { num_retries: 0, allowed_fails: 0, cooldown_time: 30 });
    rig.script('a', new AuthenticationError('Incorrect API key', { upstreamStatus: 401 }), 'ok:a');
    const err = await rig.fail('m', { credentials: { api_key: 'sk-callers-wrong-key' } });
    expect(err.status).toBe(401);
    expect(rig.events.cooldowns).toEqual([]);
    expect((await rig.call()).result.value).toBe('ok:a');
  });

  it('a deployment whose key variable is unset is skipped without an upstream call and cooled down', async () => {
    const noKey: Deployment = { ...deployment('nokey', { weight: 1000 }), missingEnv: ['UNSET_KEY'] };
    const rig = routingRig([noKey, deployment('b', { weight: 1 })]);
    const { result, call } = await rig.call();
    expect(result.deployment.id).toBe('b');
    expect(call.attempts).toBe(1);
    expect(rig.calls).toEqual(['b']);
    expect(rig.events.cooldowns).toEqual(['nokey']);
  });
});

describe('RoutingService: limits', () => {
  it('skips a deployment at its rpm limit, and answers 429 with Retry-After when all are', async () => {
    const rig = routingRig([deployment('a', { rpm: 1 }), deployment('b', { rpm: 1 })]);
    rig.clock.t = Date.UTC(2026, 0, 1, 0, 0, 20);
    const first = await rig.call();
    const second = await rig.call();
    expect(new Set([first.result.deployment.id, second.result.deployment.id])).toEqual(new Set(['a', 'b']));
    const err = await rig.fail();
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ status: 429, code: 'deployment_rate_limited', retryAfterSeconds: 40 });
    expect(rig.calls).toHaveLength(2);
    rig.clock.advance(40 * SECOND); // the next minute
    expect((await rig.call()).result.value).toMatch(/^ok:/);
  });

  it('counts tokens from the answer toward tpm', async () => {
    const rig = routingRig([deployment('a', { tpm: 100 })]);
    await rig.call('m', {}, { tokensOf: () => 60 });
    await rig.call('m', {}, { tokensOf: () => 60 });
    const err = await rig.fail('m', {}, { tokensOf: () => 60 });
    expect(err.status).toBe(429);
    expect(err.message).toContain('at tpm limit (120/100)');
  });

  it('answers a context-window error, without a call, when the prompt is larger than every deployment', async () => {
    const rig = routingRig([deployment('small', {}, 'm', { max_input_tokens: 10 })]);
    const err = await rig.fail('m', {}, { promptTokens: 50 });
    expect(err).toBeInstanceOf(ContextWindowExceededError);
    expect(err).toMatchObject({ status: 400, code: 'context_length_exceeded' });
    expect(rig.calls).toEqual([]);
  });

  it('routes a long prompt to the deployment whose window fits', async () => {
    const rig = routingRig([deployment('small', {}, 'm', { max_input_tokens: 10 }), deployment('large', {}, 'm', { max_input_tokens: 1000 })]);
    const { result } = await rig.call('m', {}, { promptTokens: 50 });
    expect(result.deployment.id).toBe('large');
  });

  it('sizes the prompt only when some deployment declares a context window (never on the plain hot path)', async () => {
    const estimate = jest.fn(() => 50);
    await routingRig([deployment('a', {}, 'm')]).call('m', {}, { promptTokens: estimate });
    expect(estimate).not.toHaveBeenCalled();
    const { result } = await routingRig([deployment('small', {}, 'm', { max_input_tokens: 10 }), deployment('large', {}, 'm', { max_input_tokens: 1000 })]).call('m', {}, { promptTokens: estimate });
    expect(result.deployment.id).toBe('large');
    expect(estimate).toHaveBeenCalledTimes(1);
  });
});

describe('RoutingService: fallbacks', () => {
  const models = () => [deployment('a1', {}, 'a'), deployment('b1', {}, 'b'), deployment('c1', {}, 'c'), deployment('big1', {}, 'big'), deployment('safe1', {}, 'safe')];
  const settings: RouterSettingsSchema = {
    num_retries: 0,
    cooldown_time: 0,
    fallbacks: [{ a: ['b', 'c'] }, { b: ['a'] }],
    context_window_fallbacks: [{ a: ['big'] }],
    content_policy_fallbacks: [{ a: ['safe'] }],
    default_fallbacks: ['c'],
  };

  it('walks the general list on a retryable failure and says which model answered', async () => {
    const rig = routingRig(models(), settings);
    rig.script('a1', boom());
    const { result, call } = await rig.call('a');
    expect(result).toMatchObject({ value: 'ok:b1', fallbackModel: 'b' });
    expect(call).toMatchObject({ fallbackFrom: 'a', attempts: 2 });
    expect(rig.events.fallbacks).toEqual(['a->b']);
  });

  it('uses context_window_fallbacks for a context-window error', async () => {
    const rig = routingRig(models(), settings);
    rig.script('a1', new ContextWindowExceededError('too long', { upstreamStatus: 400 }));
    const { result } = await rig.call('a');
    expect(result.fallbackModel).toBe('big');
    expect(rig.calls).toEqual(['a1', 'big1']);
  });

  it('uses context_window_fallbacks when the prompt fits no deployment of the model (no call made to it)', async () => {
    const rig = routingRig([deployment('a1', {}, 'a', { max_input_tokens: 10 }), deployment('big1', {}, 'big')], settings);
    const { result } = await rig.call('a', {}, { promptTokens: 100 });
    expect(result.fallbackModel).toBe('big');
    expect(rig.calls).toEqual(['big1']);
  });

  it('uses content_policy_fallbacks for a content-filter error', async () => {
    const rig = routingRig(models(), settings);
    rig.script('a1', new ContentPolicyViolationError('filtered', { upstreamStatus: 400 }));
    expect((await rig.call('a')).result.fallbackModel).toBe('safe');
  });

  it('uses default_fallbacks for a model without its own list', async () => {
    const rig = routingRig(models(), settings);
    rig.script('safe1', boom());
    expect((await rig.call('safe')).result.fallbackModel).toBe('c');
  });

  it("uses the request's fallbacks instead of the configured ones", async () => {
    const rig = routingRig(models(), settings);
    rig.script('a1', boom());
    expect((await rig.call('a', { fallbacks: ['safe'] })).result.fallbackModel).toBe('safe');
  });

  it('takes no fallback with disable_fallbacks, nor for a plain bad request', async () => {
    const rig = routingRig(models(), settings);
    rig.script('a1', boom());
    expect((await rig.fail('a', { disableFallbacks: true })).status).toBe(502);
    expect(rig.calls).toEqual(['a1']);
    rig.script('a1', new InvalidRequestError('bad', { upstreamStatus: 400 }));
    await rig.fail('a');
    expect(rig.calls).toEqual(['a1', 'a1']);
  });

  it('never loops (a → b, b → a) and never chains (b’s own list is not walked), answering the last error', async () => {
    const rig = routingRig(models(), settings);
    rig.script('a1', boom()).script('b1', new ServiceUnavailableError('overloaded', { upstreamStatus: 503 })).script('c1', new TimeoutError('slow'));
    const err = await rig.fail('a');
    expect(rig.calls).toEqual(['a1', 'b1', 'c1']);
    expect(err).toBeInstanceOf(TimeoutError);
    const rig2 = routingRig(models(), settings);
    rig2.script('b1', boom()).script('a1', boom());
    await rig2.fail('b');
    expect(rig2.calls).toEqual(['b1', 'a1']);
  });

  it('skips a fallback name that has no deployments', async () => {
    const rig = routingRig(models(), settings);
    rig.script('a1', boom());
    expect((await rig.call('a', { fallbacks: ['ghost', 'c'] })).result.fallbackModel).toBe('c');
  });

  it('falls back when every deployment of the model is cooling down, with no call to it', async () => {
    const rig = routingRig(models(), settings);
    await rig.store.setCooldown('a1', rig.clock.now() + 60_000, rig.clock.now());
    const { result } = await rig.call('a');
    expect(result.fallbackModel).toBe('b');
    expect(rig.calls).toEqual(['b1']);
  });
});

describe('RoutingService: timeouts', () => {
  function recordingTimeouts() {
    const seen: number[] = [];
    const invoke = async (_a: unknown, d: Deployment, o: CallOptions) => {
      seen.push(o.timeoutMs);
      return `ok:${d.id}`;
    };
    return { seen, invoke };
  }

  it("gives one call the deployment's timeout, else the router default", async () => {
    const rig = routingRig([deployment('a', { timeout: 7 }), deployment('b', {}, 'n')]);
    const { seen, invoke } = recordingTimeouts();
    await rig.call('m', {}, { invoke });
    await rig.call('n', {}, { invoke });
    expect(seen).toEqual([7000, 600_000]);
  });

  it('gives a stream stream_timeout (time to the first chunk) instead', async () => {
    const rig = routingRig([deployment('a', { timeout: 7 })], { stream_timeout: 2 });
    const { seen, invoke } = recordingTimeouts();
    await rig.call('m', {}, { invoke, deferEnd: true });
    expect(seen).toEqual([2000]);
  });

  it('bounds every call by what is left of the router timeout, and stops retrying when it runs out', async () => {
    const rig = routingRig([deployment('a', { timeout: 30 }), deployment('b', { timeout: 30 })], { timeout: 5, num_retries: 3 });
    const seen: number[] = [];
    const err = await rig.fail('m', {}, {
      invoke: async (_a, _d, o) => {
        seen.push(o.timeoutMs);
        rig.clock.advance(o.timeoutMs);
        throw new TimeoutError('slow');
      },
    });
    expect(err).toBeInstanceOf(TimeoutError);
    expect(seen).toEqual([5000]);
  });

  it("the request's timeout replaces the router's", async () => {
    const rig = routingRig([deployment('a', { timeout: 30 })], { timeout: 5 });
    const { seen, invoke } = recordingTimeouts();
    await rig.call('m', { timeoutMs: 1500 }, { invoke });
    expect(seen).toEqual([1500]);
  });

  it('does not wait a Retry-After that would outlast the router timeout', async () => {
    const rig = routingRig([deployment('a')], { timeout: 1 });
    rig.script('a', new RateLimitError('slow', { retryAfterSeconds: 2 }), 'ok:a');
    expect((await rig.fail()).status).toBe(429);
    expect(rig.clock.sleeps).toEqual([]);
  });
});

describe('RoutingService: client-side credentials', () => {
  it("calls with the caller's key and base, never the deployment's key or extra headers", async () => {
    const rig = routingRig([deployment('a', { api_key: 'sk-deployment-secret', api_base: 'https://operator.example/v1', extra_headers: { authorization: 'Bearer op' } })]);
    await rig.call('m', { credentials: { api_key: 'sk-caller', api_base: 'https://caller.example/v1', api_version: '2024-06-01' } });
    expect(rig.seen[0].params).toMatchObject({ api_key: 'sk-caller', api_base: 'https://caller.example/v1', api_version: '2024-06-01' });
    expect(rig.seen[0].params.extra_headers).toBeUndefined();
    await rig.call('m', { credentials: { api_base: 'https://caller.example/v1' } });
    expect(rig.seen[1].params.api_key).toBeUndefined();
    expect(JSON.stringify(rig.seen)).not.toContain('sk-deployment-secret');
  });

  it("refuses a caller's base for a provider that would fall back to the gateway's environment credentials", async () => {
    const rig = routingRig([deployment('g', { model: 'gemini/gemini-1.5-pro' })], { num_retries: 0 });
    const err = await rig.fail('m', { credentials: { api_base: 'https://caller.example' } });
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err).toMatchObject({ status: 403, code: 'api_base_not_allowed' });
    expect(rig.calls).toEqual([]);
    await rig.call('m', { credentials: { api_base: 'https://caller.example', api_key: 'caller-gemini-key' } });
    expect(rig.calls).toEqual(['g']);
  });
});

describe('RoutingService: the route trace (x-gateway-route)', () => {
  it('records candidates, picks, outcomes and the fallback for a watched call only', async () => {
    const rig = routingRig([deployment('a1', {}, 'a'), deployment('a2', { rpm: 0 }, 'a'), deployment('b1', {}, 'b')], { num_retries: 0, fallbacks: [{ a: ['b'] }] });
    rig.script('a1', boom());
    const call = callRecord();
    let summary = '';
    rig.tracer.watch(call, (s) => (summary = s));
    await rig.call('a', {}, { call });
    expect(summary).toMatch(/^model=a strategy=simple-shuffle; a1: kept, a2: at rpm limit \(0\/0\); pick a1 \(simple-shuffle by equal weights: 100% chance\); a1 -> 502/);
    expect(summary).toContain('fallback b (general) strategy=simple-shuffle; b1: kept; pick b1');
    expect(summary).toMatch(/b1 -> ok$/);
    const unwatched = callRecord();
    await rig.call('a', {}, { call: unwatched });
    expect(rig.tracer.start(unwatched)).toBeUndefined();
  });

  it('publishes the trace on failure too', async () => {
    const rig = routingRig([deployment('a')], { num_retries: 0 });
    await rig.store.setCooldown('a', rig.clock.now() + 5000, rig.clock.now());
    const call = callRecord();
    let summary = '';
    rig.tracer.watch(call, (s) => (summary = s));
    await expect(rig.call('m', {}, { call })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(summary).toMatch(/a: cooling down until 2026-01-01T00:00:15.000Z; no fallback applies/);
  });
});

describe('RoutingService: table swaps', () => {
  it('routes with the table current at the start of each call (reloads, user_config)', async () => {
    const rig = routingRig([deployment('a')]);
    rig.setTable(new RouteTable([deployment('z', {}, 'm')], routerPolicy({})));
    expect((await rig.call()).result.deployment.id).toBe('z');
    const own = new RouteTable([deployment('u', {}, 'm')], routerPolicy({}));
    expect((await rig.call('m', { table: own })).result.deployment.id).toBe('u');
  });
});
