import { InvalidRequestError } from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import type { CallOptions, NativeResponse, NativeResponseEvent, NativeResponseRequest } from '../provider-adapter.interface';
import { OpenAICompatibleAdapter, OpenAIEndpoint, trimBase } from '../openai/openai-compatible.adapter';

export const AZURE_DEFAULT_API_VERSION = '2024-10-21';
/** The first dated api-version with the Responses API; older or unset ones use Azure's v1 path. */
const AZURE_FIRST_RESPONSES_VERSION = '2025-03-01-preview';

/**
 * `azure/<deployment>`: Azure OpenAI. The deployment name goes in the path,
 * `api-version` in the query, the key in the `api-key` header.
 */
export class AzureAdapter extends OpenAICompatibleAdapter {
  readonly name = 'azure';

  protected url(deployment: Deployment, endpoint: OpenAIEndpoint): string {
    const base = deployment.params.api_base;
    if (!base) throw new InvalidRequestError(`Deployment ${deployment.id} (azure) has no api_base`);
    if (endpoint === 'responses') return responsesUrl(trimBase(base), deployment.params.api_version);
    const version = encodeURIComponent(deployment.params.api_version ?? AZURE_DEFAULT_API_VERSION);
    const name = encodeURIComponent(deployment.upstreamModel);
    return `${trimBase(base)}/openai/deployments/${name}/${endpoint}?api-version=${version}`;
  }

  /** Azure's Responses API takes the deployment name as `model` in the body, not in the path. */
  responses(request: NativeResponseRequest, deployment: Deployment, options: CallOptions): Promise<NativeResponse> {
    return this.nativeResponse(request, deployment, options);
  }

  responsesStream(request: NativeResponseRequest, deployment: Deployment, options: CallOptions): Promise<AsyncIterable<NativeResponseEvent>> {
    return this.nativeResponseStream(request, deployment, options);
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

/**
 * A dated api-version that has the Responses API: `/openai/responses?api-version=…`;
 * anything else (unset, older, `v1`, `preview`, `latest`): the v1 path `/openai/v1/responses`.
 */
export function responsesUrl(base: string, apiVersion: string | undefined): string {
  if (apiVersion && /^\d{4}-\d{2}-\d{2}/.test(apiVersion) && apiVersion >= AZURE_FIRST_RESPONSES_VERSION) {
    return `${base}/openai/responses?api-version=${encodeURIComponent(apiVersion)}`;
  }
  return `${base}/openai/v1/responses${apiVersion === 'preview' ? '?api-version=preview' : ''}`;
}
