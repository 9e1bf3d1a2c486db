import { callPrice, priceSource, type PricedDeployment } from './call-price';

const deployment = (over: Partial<PricedDeployment> = {}): PricedDeployment => ({
  provider: 'openai',
  upstreamModel: 'my-private-model',
  params: { model: 'openai/my-private-model' },
  modelInfo: {},
  ...over,
});

describe('callPrice', () => {
  it.each([
    ['litellm_params', { params: { model: 'x', input_cost_per_token: 0.000002, output_cost_per_token: 0.000004 } }, 10, 5, 0.00004],
    ['model_info', { modelInfo: { input_cost_per_token: 0.001, output_cost_per_token: 0.002 } }, 3, 7, 0.017],
    ['litellm_params over model_info', { params: { model: 'x', input_cost_per_token: 1 }, modelInfo: { input_cost_per_token: 5 } }, 2, 9, 2],
    ['input price only (embeddings)', { params: { model: 'x', input_cost_per_token: 0.0001 } }, 100, 0, 0.01],
  ])('prices with the deployment own keys from %s', (_name, over, prompt, completion, expected) => {
    expect(callPrice(deployment(over), { prompt_tokens: prompt, completion_tokens: completion })).toBeCloseTo(expected, 12);
  });

  it('falls back to the price table for a known upstream model', () => {
    const price = callPrice(deployment({ upstreamModel: 'gpt-4o' }), { prompt_tokens: 1_000_000, completion_tokens: 1_000_000 });
    expect(price).not.toBeNull();
    expect(price!).toBeGreaterThan(0);
  });

  it('is null, never 0, for a model nobody prices', () => {
    expect(callPrice(deployment(), { prompt_tokens: 10, completion_tokens: 10 })).toBeNull();
  });

  it('is 0 for a priced call that used no tokens', () => {
    expect(callPrice(deployment({ modelInfo: { input_cost_per_token: 1, output_cost_per_token: 1 } }), { prompt_tokens: 0, completion_tokens: 0 })).toBe(0);
  });

  it('ignores a negative or non-numeric configured price', () => {
    expect(callPrice(deployment({ modelInfo: { input_cost_per_token: -1, output_cost_per_token: 'x' } }), { prompt_tokens: 1, completion_tokens: 1 })).toBeNull();
  });
});

describe('priceSource', () => {
  it.each([
    [deployment({ modelInfo: { output_cost_per_token: 1 } }), 'config'],
    [deployment({ upstreamModel: 'gpt-4o-mini' }), 'table'],
    [deployment({ provider: 'anthropic', upstreamModel: 'claude-3-5-sonnet-20240620' }), 'table'],
    [deployment({ provider: 'bedrock', upstreamModel: 'anthropic.claude-3-haiku-20240307-v1:0' }), 'table'],
    [deployment(), 'none'],
  ])('%#', (d, expected) => {
    expect(priceSource(d)).toBe(expected);
  });
});
