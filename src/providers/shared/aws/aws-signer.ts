import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from './aws-credentials';

export interface RequestToSign {
  url: URL;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body: string;
}

/**
 * Signs one request with AWS SigV4 for `service` (`bedrock`, `sagemaker`, …)
 * and returns every header to send (including `host`, `x-amz-date`,
 * `x-amz-content-sha256`, the session token and `authorization`). The path is
 * signed as given: already URI-encoded once, and the signer encodes it again
 * as AWS does for every service but S3.
 */
export async function signAwsRequest(
  req: RequestToSign,
  credentials: AwsCredentials,
  region: string,
  service: string,
  signingDate?: Date,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256 });
  const query: Record<string, string> = {};
  req.url.searchParams.forEach((v, k) => (query[k] = v));
  const request = new HttpRequest({
    method: req.method,
    protocol: req.url.protocol,
    hostname: req.url.hostname,
    port: req.url.port ? Number(req.url.port) : undefined,
    path: req.url.pathname,
    query,
    headers: { ...lowerCased(req.headers), host: req.url.host },
    body: req.body,
  });
  const signed = await signer.sign(request, signingDate ? { signingDate } : undefined);
  return { ...(signed.headers as Record<string, string>) };
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** AWS's label encoding: `encodeURIComponent` plus the characters it leaves alone (`!'()*`). */
export function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
