import type { LitellmParams } from '../../deployments/deployment';
import { AwsTarget, Env, resolveAwsTarget } from '../shared/aws/aws-credentials';

export type { Env } from '../shared/aws/aws-credentials';

export const SAGEMAKER_SIGNING_SERVICE = 'sagemaker';

/** `runtime.sagemaker.eu-west-1.amazonaws.com` (and the FIPS forms) name their region. */
const REGION_IN_HOST = /runtime(?:-fips)?\.sagemaker(?:-fips)?\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\./;

/**
 * The SageMaker runtime a deployment calls and the credentials it signs with:
 * `aws_sagemaker_runtime_endpoint` or `api_base` when set, else the region's
 * public endpoint; credentials as for Bedrock (params, then AWS env vars).
 */
export function resolveSageMakerTarget(params: LitellmParams, env: Env): AwsTarget {
  return resolveAwsTarget(params, env, {
    provider: 'sagemaker',
    explicitEndpoint: params.aws_sagemaker_runtime_endpoint || params.api_base,
    regionInHost: REGION_IN_HOST,
    defaultEndpoint: (region) => `https://runtime.sagemaker.${region}.amazonaws.com`,
  });
}
