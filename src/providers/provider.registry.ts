import { Injectable } from '@nestjs/common';
import { InvalidRequestError } from '../common/errors';
import type { Deployment } from '../deployments/deployment';
import { MOCK_ADAPTER, PROVIDER_ADAPTERS } from './index';
import type { ProviderAdapter } from './provider-adapter.interface';

export type Capability = 'chat' | 'chatStream' | 'embeddings' | 'moderations';

const CAPABILITY_NAMES: Record<Capability, string> = {
  chat: 'chat completions',
  chatStream: 'streaming chat completions',
  embeddings: 'embeddings',
  moderations: 'moderations',
};

/** Finds the adapter for a deployment: its `mock_response`, else its provider prefix. */
@Injectable()
export class ProviderRegistry {
  private readonly byName = new Map<string, ProviderAdapter>(PROVIDER_ADAPTERS.map((a) => [a.name, a]));

  get names(): string[] {
    return [...this.byName.keys()];
  }

  adapterFor(deployment: Deployment): ProviderAdapter {
    if (deployment.params.mock_response !== undefined) return MOCK_ADAPTER;
    const adapter = this.byName.get(deployment.provider);
    if (!adapter) throw new InvalidRequestError(`No provider '${deployment.provider}' for model ${deployment.modelName}`, { param: 'model' });
    return adapter;
  }

  /** The adapter, checked for the capability: a 400 naming the model when it lacks it. */
  require<C extends Capability>(deployment: Deployment, capability: C): ProviderAdapter & Required<Pick<ProviderAdapter, C>> {
    const adapter = this.adapterFor(deployment);
    if (typeof adapter[capability] !== 'function') {
      throw new InvalidRequestError(
        `Model '${deployment.modelName}' (provider ${adapter.name}) does not support ${CAPABILITY_NAMES[capability]}`,
        { param: 'model', code: 'unsupported_capability', retryable: false },
      );
    }
    return adapter as ProviderAdapter & Required<Pick<ProviderAdapter, C>>;
  }
}
