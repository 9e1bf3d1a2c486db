import { AuthenticationError } from '../../../common/errors';
import type { LitellmParams } from '../../../deployments/deployment';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where and as whom an AWS deployment calls. */
export interface AwsTarget {
  /** The runtime endpoint, no trailing slash (may carry a path prefix, e.g. a proxy). */
  endpoint: string;
  region: string;
  credentials: AwsCredentials;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** How one AWS service is reached when the deployment names no endpoint. */
export interface AwsServiceEndpoint {
  /** The provider prefix, for messages. */
  provider: string;
  /** The deployment's own endpoint (`aws_<service>_runtime_endpoint` or `api_base`), if any. */
  explicitEndpoint?: string;
  /** Captures the region from an explicit endpoint's host, when no region is configured. */
  regionInHost: RegExp;
  defaultEndpoint(region: string): string;
}

/**
 * Reads the deployment's `aws_*` params, falling back to the standard AWS
 * environment variables (read per call, never at import). Missing pieces are
 * a 401 that names what is missing, never a value.
 */
export function resolveAwsTarget(params: LitellmParams, env: Env, service: AwsServiceEndpoint): AwsTarget {
  // The key pair and its session token come from one place: a deployment's own
  // keys never travel with the environment's session token, nor the reverse.
  const fromParams = Boolean(params.aws_access_key_id || params.aws_secret_access_key);
  const accessKeyId = fromParams ? params.aws_access_key_id : env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = fromParams ? params.aws_secret_access_key : env.AWS_SECRET_ACCESS_KEY;
  const sessionToken = (fromParams ? params.aws_session_token : env.AWS_SESSION_TOKEN) || undefined;
  const explicitEndpoint = service.explicitEndpoint;
  const region =
    params.aws_region_name || env.AWS_REGION || env.AWS_DEFAULT_REGION || (explicitEndpoint ? service.regionInHost.exec(explicitEndpoint)?.[1] : undefined);

  const missing: string[] = [];
  if (!accessKeyId) missing.push('aws_access_key_id (or AWS_ACCESS_KEY_ID)');
  if (!secretAccessKey) missing.push('aws_secret_access_key (or AWS_SECRET_ACCESS_KEY)');
  if (!region) missing.push('aws_region_name (or AWS_REGION / AWS_DEFAULT_REGION)');
  if (missing.length > 0 || !accessKeyId || !secretAccessKey || !region) {
    throw new AuthenticationError(`${service.provider} credentials are incomplete: missing ${missing.join(', ')}`, { provider: service.provider });
  }
  const endpoint = (explicitEndpoint || service.defaultEndpoint(region)).replace(/\/+$/, '');
  return { endpoint, region, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}
