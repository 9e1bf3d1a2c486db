import { buildDeployment } from '../../deployments/deployment.factory';
import { AzureAdapter } from '../azure/azure.adapter';
import { HostedVllmAdapter } from '../hosted-vllm/hosted-vllm.adapter';
import { OpenAIAdapter } from './openai.adapter';

const deployment = (model: string, modelInfo?: Record<string, unknown>) =>
  buildDeployment({ model_name: 'm', litellm_params: { model, api_base: 'http://upstream' }, model_info: modelInfo });

describe('servesCompletions: which OpenAI-compatible deployments get /completions natively', () => {
  const adapters = { openai: new OpenAIAdapter(), azure: new AzureAdapter(), hosted_vllm: new HostedVllmAdapter() };

  it.each<[string, keyof typeof adapters, Record<string, unknown> | undefined, boolean]>([
    ['text-completion-openai/any-model', 'openai', undefined, true],
    ['openai/gpt-3.5-turbo-instruct', 'openai', undefined, true],
    ['gpt-3.5-turbo-instruct-0914', 'openai', undefined, true],
    ['openai/davinci-002', 'openai', undefined, true],
    ['openai/babbage-002', 'openai', undefined, true],
    ['openai/gpt-4o', 'openai', undefined, false],
    ['openai/gpt-4o-mini', 'openai', undefined, false],
    ['openai/llama3', 'openai', { mode: 'completion' }, true],
    ['openai/llama3', 'openai', { mode: 'chat' }, false],
    ['azure_text/my-instruct', 'azure', undefined, true],
    ['azure/gpt-35-turbo-instruct', 'azure', undefined, true],
    ['azure/my-gpt4o', 'azure', undefined, false],
    ['azure/my-deployment', 'azure', { mode: 'completion' }, true],
    ['hosted_vllm/llama-3-8b', 'hosted_vllm', undefined, true],
  ])('%s (%s, model_info %j) → %s', (model, provider, modelInfo, expected) => {
    const d = deployment(model, modelInfo);
    expect(d.provider).toBe(provider);
    expect(adapters[provider].servesCompletions(d)).toBe(expected);
  });
});
