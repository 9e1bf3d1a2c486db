import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { InvalidRequestError, PermissionDeniedError } from '../common/errors';
import { isMetadataAddress } from '../common/net/metadata-address';

export { isMetadataAddress };
import type { Deployment } from '../deployments/deployment';

/** Per-request credentials a caller may send in the body (SPEC 6). */
export interface ClientCredentials {
  api_key?: string;
  api_base?: string;
  api_version?: string;
}

export interface ClientCredentialsPolicy {
  allowClientSideCredentials: boolean;
  apiBaseAllowlist: readonly string[];
}

function hostAllowed(host: string, allowlist: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowlist.some((entry) => {
    const e = entry.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (e.startsWith('*.')) return h.endsWith(e.slice(1));
    return h === e || h === e.split(':')[0];
  });
}

/**
 * Refuses (403, before any connection) an `api_base` the operator did not
 * allow: client-side credentials off, a scheme other than http(s), a host off
 * the allowlist, or any host that is or resolves to a metadata address.
 */
export async function assertApiBaseAllowed(apiBase: string, policy: ClientCredentialsPolicy, param = 'api_base'): Promise<void> {
  if (!policy.allowClientSideCredentials) {
    throw new PermissionDeniedError(`'${param}' in the request is not allowed: set general_settings.allow_client_side_credentials to true`, {
      param,
      code: 'client_side_credentials_not_allowed',
    });
  }
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new PermissionDeniedError(`'${param}' is not a valid URL`, { param, code: 'api_base_not_allowed' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PermissionDeniedError(`'${param}' must use http or https`, { param, code: 'api_base_not_allowed' });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (policy.apiBaseAllowlist.length > 0 && !hostAllowed(host, policy.apiBaseAllowlist)) {
    throw new PermissionDeniedError(`'${param}' host ${host} is not in general_settings.client_side_api_base_allowlist`, { param, code: 'api_base_not_allowed' });
  }
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  if (addresses.some(isMetadataAddress)) {
    throw new PermissionDeniedError(`'${param}' points to a link-local or metadata address, which is never allowed`, { param, code: 'api_base_not_allowed' });
  }
}

async function resolveAll(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return []; // unresolvable: the call will fail as unreachable, nothing was sent
  }
}

/**
 * Providers whose adapters fall back to the gateway's own environment
 * credentials (GEMINI_API_KEY, AWS_*) when a deployment carries none: such a
 * deployment may only go to a caller's host with the caller's own credentials.
 */
const AMBIENT_CREDENTIALS: Readonly<Record<string, readonly string[]>> = {
  gemini: ['api_key'],
  bedrock: ['aws_access_key_id', 'aws_secret_access_key'],
};

/** The credential fields a deployment must carry itself so no gateway credential is used for it. */
export function missingOwnCredentials(provider: string, params: Deployment['params']): string[] {
  if (params.mock_response !== undefined) return [];
  return (AMBIENT_CREDENTIALS[provider] ?? []).filter((field) => typeof params[field] !== 'string' || !params[field]);
}

/**
 * The deployment as this call must use it. A caller's `api_base` never
 * receives the deployment's own credentials (key, AWS keys, extra headers,
 * nor the gateway's environment credentials): with a new base, only the
 * caller's key goes, and a deployment that would fall back to the gateway's
 * environment is refused (403) before any connection.
 */
export function withClientCredentials(deployment: Deployment, creds: ClientCredentials): Deployment {
  if (!creds.api_key && !creds.api_base && !creds.api_version) return deployment;
  const params = { ...deployment.params };
  if (creds.api_base) {
    delete params.api_key;
    delete params.aws_access_key_id;
    delete params.aws_secret_access_key;
    delete params.aws_session_token;
    delete params.extra_headers;
    params.api_base = creds.api_base;
    params.aws_bedrock_runtime_endpoint = undefined;
  }
  if (creds.api_key) params.api_key = creds.api_key;
  if (creds.api_version) params.api_version = creds.api_version;
  if (creds.api_base && missingOwnCredentials(deployment.provider, params).length > 0) {
    throw new PermissionDeniedError(
      `'api_base' cannot be used with model '${deployment.modelName}' (${deployment.provider}) without the caller's own credentials: the gateway's would be sent to it`,
      { param: 'api_base', code: 'api_base_not_allowed' },
    );
  }
  return { ...deployment, params, missingEnv: creds.api_key ? [] : deployment.missingEnv };
}

/** Whether this call runs on the caller's credentials rather than the deployment's own. */
export function usesClientCredentials(creds: ClientCredentials): boolean {
  return Boolean(creds.api_key || creds.api_base);
}

/** Reads the credential fields from a request body; wrong types are a 400 naming the field. */
export function readClientCredentials(body: Record<string, unknown>): ClientCredentials {
  const creds: ClientCredentials = {};
  for (const [field, key] of [
    ['api_key', 'api_key'],
    ['api_base', 'api_base'],
    ['base_url', 'api_base'],
    ['api_version', 'api_version'],
  ] as const) {
    const v = body[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' || !v) throw new InvalidRequestError(`'${field}' must be a non-empty string`, { param: field });
    creds[key] = v;
  }
  return creds;
}
