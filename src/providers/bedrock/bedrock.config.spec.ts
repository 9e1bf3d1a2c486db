import { AuthenticationError } from '../../common/errors';
import { resolveBedrockTarget } from './bedrock.config';

const model = 'bedrock/x';
const keys = { aws_access_key_id: 'AKIDPARAM', aws_secret_access_key: 'secret-param-value', aws_region_name: 'eu-central-1' };

describe('resolveBedrockTarget', () => {
  it('uses the deployment params first', () => {
    const t = resolveBedrockTarget({ model, ...keys, aws_session_token: 'tok' }, { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env', AWS_REGION: 'us-west-2' });
    expect(t).toEqual({
      endpoint: 'https://bedrock-runtime.eu-central-1.amazonaws.com',
      region: 'eu-central-1',
      credentials: { accessKeyId: 'AKIDPARAM', secretAccessKey: 'secret-param-value', sessionToken: 'tok' },
    });
  });

  it('falls back to the standard AWS environment variables', () => {
    const t = resolveBedrockTarget({ model }, { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'envsecret', AWS_SESSION_TOKEN: 'envtok', AWS_DEFAULT_REGION: 'ap-south-1' });
    expect(t.credentials).toEqual({ accessKeyId: 'AKIDENV', secretAccessKey: 'envsecret', sessionToken: 'envtok' });
    expect(t.region).toBe('ap-south-1');
    expect(resolveBedrockTarget({ model }, { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'x' }).region).toBe('us-east-2');
  });

  it.each([
    [{ aws_bedrock_runtime_endpoint: 'http://127.0.0.1:9/', api_base: 'http://ignored' }, 'http://127.0.0.1:9'],
    [{ api_base: 'https://proxy.internal/bedrock/' }, 'https://proxy.internal/bedrock'],
    [{}, 'https://bedrock-runtime.eu-central-1.amazonaws.com'],
  ])('endpoint from %j is %s', (extra, endpoint) => {
    expect(resolveBedrockTarget({ model, ...keys, ...extra }, {}).endpoint).toBe(endpoint);
  });

  it('reads the region from a regional endpoint when none is configured', () => {
    const t = resolveBedrockTarget({ model, aws_access_key_id: 'a', aws_secret_access_key: 'b', aws_bedrock_runtime_endpoint: 'https://bedrock-runtime.eu-west-3.amazonaws.com' }, {});
    expect(t.region).toBe('eu-west-3');
  });

  it.each([
    [{ aws_secret_access_key: 'super-secret-value', aws_region_name: 'us-east-1' }, ['aws_access_key_id (or AWS_ACCESS_KEY_ID)'], ['aws_secret_access_key (']],
    [{ aws_access_key_id: 'AKIDVISIBLE', aws_region_name: 'us-east-1' }, ['aws_secret_access_key (or AWS_SECRET_ACCESS_KEY)'], ['aws_access_key_id (']],
    [{ aws_access_key_id: 'a', aws_secret_access_key: 'super-secret-value' }, ['aws_region_name (or AWS_REGION / AWS_DEFAULT_REGION)'], ['aws_access_key_id (']],
    [{}, ['aws_access_key_id', 'aws_secret_access_key', 'aws_region_name'], []],
  ])('missing pieces of %j are a 401 naming them, never a value', (params, named, notNamed) => {
    let err: unknown;
    try {
      resolveBedrockTarget({ model, ...params }, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AuthenticationError);
    const message = (err as Error).message;
    for (const n of named) expect(message).toContain(n);
    for (const n of notNamed) expect(message).not.toContain(n);
    expect(message).not.toContain('super-secret-value');
    expect((err as AuthenticationError).status).toBe(401);
  });
});
