import { AnthropicAdapter } from './anthropic/anthropic.adapter';
import { AzureAdapter } from './azure/azure.adapter';
import { CohereAdapter } from './cohere/cohere.adapter';
import { BedrockAdapter } from './bedrock/bedrock.adapter';
import { GeminiAdapter } from './gemini/gemini.adapter';
import { HostedVllmAdapter } from './hosted-vllm/hosted-vllm.adapter';
import { MockAdapter } from './mock/mock.adapter';
import { OllamaAdapter } from './ollama/ollama.adapter';
import { OpenAIAdapter } from './openai/openai.adapter';
import { SageMakerAdapter } from './sagemaker/sagemaker.adapter';
import type { ProviderAdapter } from './provider-adapter.interface';

/**
 * The provider list: the one place a provider is registered. The model prefix
 * of `litellm_params.model` (`azure/…`) picks the adapter by its `name`.
 */
export const PROVIDER_ADAPTERS: readonly ProviderAdapter[] = [
  new OpenAIAdapter(),
  new AzureAdapter(),
  new HostedVllmAdapter(),
  new BedrockAdapter(),
  new GeminiAdapter(),
  new AnthropicAdapter(),
  new CohereAdapter(),
  new OllamaAdapter(),
  new SageMakerAdapter(),
];

/** Answers deployments that set `mock_response`, whatever their prefix. */
export const MOCK_ADAPTER: ProviderAdapter = new MockAdapter();

/** Other spellings LiteLLM accepts for the same provider. */
export const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  ollama_chat: 'ollama',
  sagemaker_chat: 'sagemaker',
  'text-completion-openai': 'openai',
  azure_text: 'azure',
};

export type { ProviderAdapter } from './provider-adapter.interface';
