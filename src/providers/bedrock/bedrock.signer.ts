import type { AwsCredentials } from '../shared/aws/aws-credentials';
import { RequestToSign, signAwsRequest } from '../shared/aws/aws-signer';

export { encodePathSegment } from '../shared/aws/aws-signer';
export type { RequestToSign } from '../shared/aws/aws-signer';

export const BEDROCK_SIGNING_SERVICE = 'bedrock';

/** Signs one Bedrock runtime request with SigV4 (service `bedrock`); see `signAwsRequest`. */
export function signBedrockRequest(
  req: RequestToSign,
  credentials: AwsCredentials,
  region: string,
  signingDate?: Date,
): Promise<Record<string, string>> {
  return signAwsRequest(req, credentials, region, BEDROCK_SIGNING_SERVICE, signingDate);
}
