import { createHash } from 'node:crypto';
import { PROVIDER_ALIASES } from '../providers';
import type { Deployment, LitellmParams } from './deployment';

/** Splits `azure/my-gpt4o` into provider and upstream model; a bare name means `openai`. */
export function splitModel(model: string): { provider: string; upstreamModel: string } {
  const slash = model.indexOf('/');
  if (slash <= 0) return { provider: 'openai', upstreamModel: model };
  const prefix = model.slice(0, slash);
  return { provider: PROVIDER_ALIASES[prefix] ?? prefix, upstreamModel: model.slice(slash + 1) };
}

/** A stable id from what makes a deployment distinct (never its key). */
export function deriveDeploymentId(modelName: string, params: LitellmParams): string {
  const basis = JSON.stringify([modelName, params.model, params.api_base ?? null, params.api_version ?? null, params.aws_region_name ?? null]);
  return createHash('sha256').update(basis).digest('hex').slice(0, 16);
}

export interface DeploymentInput {
  model_name: string;
  litellm_params: LitellmParams;
  model_info?: Record<string, unknown>;
  missingEnv?: readonly string[];
}

export function buildDeployment(input: DeploymentInput): Deployment {
  const { provider, upstreamModel } = splitModel(input.litellm_params.model);
  const modelInfo = input.model_info ?? {};
  const id = typeof modelInfo.id === 'string' && modelInfo.id ? modelInfo.id : deriveDeploymentId(input.model_name, input.litellm_params);
  return {
    id,
    modelName: input.model_name,
    provider,
    upstreamModel,
    params: input.litellm_params,
    modelInfo,
    missingEnv: input.missingEnv ?? [],
  };
}
