import { InvalidRequestError } from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import { OpenAICompatibleAdapter, OpenAIEndpoint, trimBase } from '../openai/openai-compatible.adapter';

/** `hosted_vllm/…`: a vLLM server's OpenAI-compatible API at the deployment's `api_base`. */
export class HostedVllmAdapter extends OpenAICompatibleAdapter {
  readonly name = 'hosted_vllm';

  protected url(deployment: Deployment, endpoint: OpenAIEndpoint): string {
    const base = deployment.params.api_base;
    if (!base) throw new InvalidRequestError(`Deployment ${deployment.id} (hosted_vllm) has no api_base`);
    return `${trimBase(base)}/${endpoint}`;
  }

  /** vLLM serves `/completions` for every model it loads (the prompt goes in raw, no chat template). */
  override servesCompletions(): boolean {
    return true;
  }
}
