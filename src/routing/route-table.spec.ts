import { fallbackMap, ROUTER_DEFAULTS, RouteTable, routerPolicy } from './route-table';
import { deployment } from './testing/routing-test-kit';

describe('routerPolicy', () => {
  it("uses LiteLLM's defaults where the config is silent", () => {
    const p = routerPolicy({});
    expect(p).toMatchObject({ strategy: 'simple-shuffle', numRetries: 2, allowedFails: 3, cooldownMs: 5000, callTimeoutMs: 600_000 });
    expect(p.overallTimeoutMs).toBeUndefined();
    expect(p.streamTimeoutMs).toBeUndefined();
    expect(ROUTER_DEFAULTS).toMatchObject({ numRetries: 2, allowedFails: 3, cooldownSeconds: 5 });
  });

  it('reads router_settings in seconds and litellm_settings as a second source', () => {
    const p = routerPolicy(
      { routing_strategy: 'latency-based-routing', num_retries: 0, allowed_fails: 1, cooldown_time: 0.5, timeout: 2, stream_timeout: 1.5, default_fallbacks: ['d'] },
      { request_timeout: 30 },
    );
    expect(p).toMatchObject({ strategy: 'latency-based-routing', numRetries: 0, allowedFails: 1, cooldownMs: 500, callTimeoutMs: 30_000, overallTimeoutMs: 2000, streamTimeoutMs: 1500, defaultFallbacks: ['d'] });
    expect(routerPolicy({}, { num_retries: 4 }).numRetries).toBe(4);
  });

  it('maps usage-based-routing-v2 to usage-based-routing', () => {
    expect(routerPolicy({ routing_strategy: 'usage-based-routing-v2' }).strategy).toBe('usage-based-routing');
  });
});

describe('fallbackMap', () => {
  it('merges LiteLLM list-of-mappings entries per model', () => {
    expect([...fallbackMap([{ a: ['b'] }, { a: ['c'], x: ['y'] }])]).toEqual([
      ['a', ['b', 'c']],
      ['x', ['y']],
    ]);
    expect(fallbackMap(undefined).size).toBe(0);
  });
});

describe('RouteTable', () => {
  it('groups deployments by model name, in config order', () => {
    const t = new RouteTable([deployment('a1', {}, 'a'), deployment('b1', {}, 'b'), deployment('a2', {}, 'a')], routerPolicy({}));
    expect(t.modelNames).toEqual(['a', 'b']);
    expect(t.deployments('a')!.map((d) => d.id)).toEqual(['a1', 'a2']);
    expect(t.deployments('nope')).toBeUndefined();
  });

  it('also finds deployments by litellm_params.model, as LiteLLM does; model_name wins', () => {
    const t = new RouteTable(
      [deployment('u1', { model: 'gpt-3.5-turbo' }, 'user-openai'), deployment('az', { model: 'azure/chatgpt-v-2' }, 'user-azure'), deployment('g', { model: 'openai/x' }, 'gpt-3.5-turbo')],
      routerPolicy({}),
    );
    expect(t.deployments('azure/chatgpt-v-2')!.map((d) => d.id)).toEqual(['az']);
    expect(t.deployments('gpt-3.5-turbo')!.map((d) => d.id)).toEqual(['g']);
    expect(new RouteTable([deployment('u1', { model: 'gpt-3.5-turbo' }, 'user-openai')], routerPolicy({})).deployments('gpt-3.5-turbo')!.map((d) => d.id)).toEqual(['u1']);
  });
});
