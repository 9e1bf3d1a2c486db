import type { LitellmParams } from '../../deployments/deployment';
import { AwsTarget, Env, resolveAwsTarget } from '../shared/aws/aws-credentials';

export type { AwsCredentials, Env } from '../shared/aws/aws-credentials';

/** Where and as whom a Bedrock deployment calls. */
export type BedrockTarget = AwsTarget;

/** `bedrock-runtime.eu-west-1.amazonaws.com` (and FIPS / VPC-endpoint forms) name their region. */
const REGION_IN_HOST = /bedrock-runtime(?:-fips)?\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\./;

/**
 * Reads the deployment's `aws_*` params, falling back to the standard AWS
 * environment variables (read per call, never at import). Missing pieces are
 * a 401 that names what is missing, never a value.
 */
export function resolveBedrockTarget(params: LitellmParams, env: Env): BedrockTarget {
  return resolveAwsTarget(params, env, {
    provider: 'bedrock',
    explicitEndpoint: params.aws_bedrock_runtime_endpoint || params.api_base,
    regionInHost: REGION_IN_HOST,
    defaultEndpoint: (region) => `https://bedrock-runtime.${region}.amazonaws.com`,
  });
}
