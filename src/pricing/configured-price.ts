import type { Deployment } from '../deployments/deployment';

/** USD per token, as LiteLLM spells it in `litellm_params` or `model_info`. */
export interface TokenPrice {
  readonly inputCostPerToken: number;
  readonly outputCostPerToken: number;
}

const isPrice = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * The deployment's own price: `input_cost_per_token` / `output_cost_per_token`
 * from `litellm_params` first, then `model_info`. One of the two may be left
 * out (an embedding model has no output price): it counts as 0, as in LiteLLM.
 */
export function configuredPrice(deployment: Pick<Deployment, 'params' | 'modelInfo'>): TokenPrice | undefined {
  for (const source of [deployment.params as Record<string, unknown>, deployment.modelInfo ?? {}]) {
    const input = source.input_cost_per_token;
    const output = source.output_cost_per_token;
    if (isPrice(input) || isPrice(output)) {
      return { inputCostPerToken: isPrice(input) ? input : 0, outputCostPerToken: isPrice(output) ? output : 0 };
    }
  }
  return undefined;
}
