import { AuthenticationError } from '../../../common/errors';
import { resolveAwsTarget } from './aws-credentials';

const service = {
  provider: 'svc',
  regionInHost: /svc\.([a-z]{2}-[a-z]+-\d)\./,
  defaultEndpoint: (region: string) => `https://svc.${region}.amazonaws.com`,
};
const model = 'svc/x';

describe('resolveAwsTarget', () => {
  it('prefers params over the environment, and the region variables in order', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env', AWS_SESSION_TOKEN: 'envtok', AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'x' };
    expect(resolveAwsTarget({ model, aws_access_key_id: 'AKIDP', aws_secret_access_key: 'p', aws_region_name: 'eu-west-1' }, env, service)).toEqual({
      endpoint: 'https://svc.eu-west-1.amazonaws.com',
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDP', secretAccessKey: 'p' },
    });
    expect(resolveAwsTarget({ model }, env, service)).toMatchObject({
      region: 'us-east-2',
      credentials: { accessKeyId: 'AKIDENV', secretAccessKey: 'env', sessionToken: 'envtok' },
    });
  });

  it("never pairs a deployment's own keys with the environment's session token (or the reverse)", () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env', AWS_SESSION_TOKEN: 'envtok', AWS_REGION: 'us-east-2' };
    const own = resolveAwsTarget({ model, aws_access_key_id: 'AKIDP', aws_secret_access_key: 'p', aws_session_token: 'ptok' }, env, service);
    expect(own.credentials).toEqual({ accessKeyId: 'AKIDP', secretAccessKey: 'p', sessionToken: 'ptok' });
    expect(() => resolveAwsTarget({ model, aws_access_key_id: 'AKIDP' }, env, service)).toThrow('missing aws_secret_access_key');
  });

  it('reads the region from an explicit endpoint host and trims its trailing slashes', () => {
    const t = resolveAwsTarget({ model, aws_access_key_id: 'a', aws_secret_access_key: 'b' }, {}, { ...service, explicitEndpoint: 'https://svc.ap-south-1.amazonaws.com//' });
    expect(t).toMatchObject({ endpoint: 'https://svc.ap-south-1.amazonaws.com', region: 'ap-south-1' });
  });

  it("names the provider and what is missing in a 401, never a value", () => {
    const call = () => resolveAwsTarget({ model, aws_secret_access_key: 'hidden-secret' }, {}, service);
    expect(call).toThrow(AuthenticationError);
    expect(call).toThrow('svc credentials are incomplete: missing aws_access_key_id (or AWS_ACCESS_KEY_ID), aws_region_name (or AWS_REGION / AWS_DEFAULT_REGION)');
  });
});
