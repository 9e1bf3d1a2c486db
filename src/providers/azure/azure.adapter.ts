import { InvalidRequestError } from '../../common/errors';
import type { Deployment } from '../../routing/deployment';
import { OpenAICompatibleAdapter, OpenAIEndpoint, trimBase } from '../openai/openai-compatible.adapter';

export const AZURE_DEFAULT_API_VERSION = '2024-10-21';

/**
 * `azure/<deployment>`: Azure OpenAI. The deployment name goes in the path,
 * `api-version` in the query, the key in the `api-key` header.
 */
export class AzureAdapter extends OpenAICompatibleAdapter {
  readonly name = 'azure';

  protected url(deployment: Deployment, endpoint: OpenAIEndpoint): string {
    const base = deployment.params.api_base;
    if (!base) throw new InvalidRequestError(`Deployment ${deployment.id} (azure) has no api_base`);
    const version = encodeURIComponent(deployment.params.api_version ?? AZURE_DEFAULT_API_VERSION);
    const name = encodeURIComponent(deployment.upstreamModel);
    return `${trimBase(base)}/openai/deployments/${name}/${endpoint}?api-version=${version}`;
  }

  protected override authHeaders(deployment: Deployment): Record<string, string> {
    const key = deployment.params.api_key;
    return key ? { 'api-key': key } : {};
  }

  /** Older api-versions refuse `stream_options`; only send it when the client did. */
  protected override requestsStreamUsage(): boolean {
    return false;
  }
}
