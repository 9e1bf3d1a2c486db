import type { Usage } from '../common/openai/openai.types';
import type { Deployment } from '../deployments/deployment';
import { configuredPrice } from './configured-price';
import { tablePrice } from './price-table';

export type PricedDeployment = Pick<Deployment, 'params' | 'modelInfo' | 'provider' | 'upstreamModel'>;

/** Where a deployment's price comes from; `none` means its calls are recorded with cost null. */
export type PriceSource = 'config' | 'table' | 'none';

const round = (usd: number): number => Math.round(usd * 1e12) / 1e12;

/**
 * The cost of one call in USD: `prompt_tokens × input_cost_per_token +
 * completion_tokens × output_cost_per_token` with the deployment's own
 * prices, else the price table's; null when neither knows the model.
 */
export function callPrice(deployment: PricedDeployment, usage: Pick<Usage, 'prompt_tokens' | 'completion_tokens'>): number | null {
  const prompt = Math.max(0, usage.prompt_tokens ?? 0);
  const completion = Math.max(0, usage.completion_tokens ?? 0);
  const own = configuredPrice(deployment);
  if (own) return round(prompt * own.inputCostPerToken + completion * own.outputCostPerToken);
  if (priceSource(deployment) === 'none') return null;
  const fromTable = tablePrice(deployment.provider, deployment.upstreamModel, prompt, completion);
  return fromTable === null ? null : round(fromTable);
}

/** Whether (and how) a deployment is priced, for the start-up warning and the estimate. */
export function priceSource(deployment: PricedDeployment): PriceSource {
  let source = SOURCES.get(deployment);
  if (source === undefined) {
    source = configuredPrice(deployment) ? 'config' : tablePrice(deployment.provider, deployment.upstreamModel, 1000, 1000) === null ? 'none' : 'table';
    SOURCES.set(deployment, source);
  }
  return source;
}

/** Deployments are immutable for a config's life: a table miss is looked up once, not per call. */
const SOURCES = new WeakMap<PricedDeployment, PriceSource>();
