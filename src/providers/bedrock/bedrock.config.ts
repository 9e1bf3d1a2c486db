import { AuthenticationError } from '../../common/errors';
import type { LitellmParams } from '../../routing/deployment';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where and as whom a Bedrock deployment calls. */
export interface BedrockTarget {
  /** The runtime endpoint, no trailing slash (may carry a path prefix, e.g. a proxy). */
  endpoint: string;
  region: string;
  credentials: AwsCredentials;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** `bedrock-runtime.eu-west-1.amazonaws.com` (and FIPS / VPC-endpoint forms) name their region. */
const REGION_IN_HOST = /bedrock-runtime(?:-fips)?\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\./;

/**
 * Reads the deployment's `aws_*` params, falling back to the standard AWS
 * environment variables (read per call, never at import). Missing pieces are
 * a 401 that names what is missing, never a value.
 */
export function resolveBedrockTarget(params: LitellmParams, env: Env): BedrockTarget {
  const accessKeyId = params.aws_access_key_id || env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = params.aws_secret_access_key || env.AWS_SECRET_ACCESS_KEY;
  const sessionToken = params.aws_session_token || env.AWS_SESSION_TOKEN || undefined;
  const explicitEndpoint = params.aws_bedrock_runtime_endpoint || params.api_base;
  const region =
    params.aws_region_name || env.AWS_REGION || env.AWS_DEFAULT_REGION || (explicitEndpoint ? REGION_IN_HOST.exec(explicitEndpoint)?.[1] : undefined);

  const missing: string[] = [];
  if (!accessKeyId) missing.push('aws_access_key_id (or AWS_ACCESS_KEY_ID)');
  if (!secretAccessKey) missing.push('aws_secret_access_key (or AWS_SECRET_ACCESS_KEY)');
  if (!region) missing.push('aws_region_name (or AWS_REGION / AWS_DEFAULT_REGION)');
  if (missing.length > 0 || !accessKeyId || !secretAccessKey || !region) {
    throw new AuthenticationError(`bedrock credentials are incomplete: missing ${missing.join(', ')}`, { provider: 'bedrock' });
  }
  const endpoint = (explicitEndpoint || `https://bedrock-runtime.${region}.amazonaws.com`).replace(/\/+$/, '');
  return { endpoint, region, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}
