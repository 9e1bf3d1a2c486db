import type { Deployment } from '../../deployments/deployment';
import type { CallOptions, NativeResponse, NativeResponseEvent, NativeResponseRequest } from '../provider-adapter.interface';
import { OpenAICompatibleAdapter, OpenAIEndpoint, trimBase } from './openai-compatible.adapter';

export const OPENAI_DEFAULT_BASE = 'https://api.openai.com/v1';

/** `openai/…` (and a bare model name): OpenAI, or any compatible server through `api_base`. */
export class OpenAIAdapter extends OpenAICompatibleAdapter {
  readonly name = 'openai';

  protected url(deployment: Deployment, endpoint: OpenAIEndpoint): string {
    return `${trimBase(deployment.params.api_base ?? OPENAI_DEFAULT_BASE)}/${endpoint}`;
  }

  responses(request: NativeResponseRequest, deployment: Deployment, options: CallOptions): Promise<NativeResponse> {
    return this.nativeResponse(request, deployment, options);
  }

  responsesStream(request: NativeResponseRequest, deployment: Deployment, options: CallOptions): Promise<AsyncIterable<NativeResponseEvent>> {
    return this.nativeResponseStream(request, deployment, options);
  }

  protected override authHeaders(deployment: Deployment): Record<string, string> {
    const headers = super.authHeaders(deployment);
    if (deployment.params.organization) headers['openai-organization'] = deployment.params.organization;
    return headers;
  }
}
