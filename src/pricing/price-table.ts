import { calcPrice } from '@pydantic/genai-prices';

/**
 * The gateway's provider names, spelled as the price table (Pydantic's
 * genai-prices, embedded data, no network) spells them. Providers missing
 * here are matched by model name alone.
 */
const TABLE_PROVIDER: Readonly<Record<string, string>> = {
  openai: 'openai',
  azure: 'azure',
  anthropic: 'anthropic',
  bedrock: 'aws',
  gemini: 'google',
  vertex_ai: 'google',
  cohere: 'cohere',
  mistral: 'mistral',
  groq: 'groq',
  deepseek: 'deepseek',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  openrouter: 'openrouter',
  xai: 'x-ai',
};

/** Bedrock and SageMaker ids carry a vendor prefix (`anthropic.claude-…`) the table does not always know. */
const candidateNames = (model: string): string[] => {
  const names = [model];
  const dot = model.indexOf('.');
  if (dot > 0 && dot < model.length - 1) names.push(model.slice(dot + 1));
  return names;
};

/** The table's price in USD for this usage, or null when the table does not know the model. */
export function tablePrice(provider: string, upstreamModel: string, promptTokens: number, completionTokens: number): number | null {
  const providerId = TABLE_PROVIDER[provider];
  for (const name of candidateNames(upstreamModel)) {
    const result = lookup(name, providerId, promptTokens, completionTokens) ?? (providerId ? lookup(name, undefined, promptTokens, completionTokens) : null);
    if (result !== null) return result;
  }
  return null;
}

function lookup(model: string, providerId: string | undefined, input: number, output: number): number | null {
  try {
    const result = calcPrice({ input_tokens: input, output_tokens: output }, model, providerId ? { providerId } : undefined);
    return result ? result.total_price : null;
  } catch {
    return null; // the table refuses a usage it cannot price: treated as unknown, never as $0
  }
}
