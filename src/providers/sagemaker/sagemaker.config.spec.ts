import { AuthenticationError } from '../../common/errors';
import { resolveSageMakerTarget } from './sagemaker.config';

const model = 'sagemaker/ep';
const keys = { aws_access_key_id: 'AKIDPARAM', aws_secret_access_key: 'secret-param-value', aws_region_name: 'eu-west-1' };

describe('resolveSageMakerTarget', () => {
  it("uses the deployment params first and the region's runtime endpoint", () => {
    const t = resolveSageMakerTarget({ model, ...keys, aws_session_token: 'tok' }, { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env', AWS_REGION: 'us-west-2' });
    expect(t).toEqual({
      endpoint: 'https://runtime.sagemaker.eu-west-1.amazonaws.com',
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDPARAM', secretAccessKey: 'secret-param-value', sessionToken: 'tok' },
    });
  });

  it('falls back to the standard AWS environment variables', () => {
    const t = resolveSageMakerTarget({ model }, { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'envsecret', AWS_DEFAULT_REGION: 'ap-south-1' });
    expect(t).toMatchObject({ region: 'ap-south-1', credentials: { accessKeyId: 'AKIDENV', secretAccessKey: 'envsecret' } });
  });

  it.each([
    [{ aws_sagemaker_runtime_endpoint: 'http://127.0.0.1:9/', api_base: 'http://ignored' }, 'http://127.0.0.1:9'],
    [{ api_base: 'https://proxy.internal/sagemaker/' }, 'https://proxy.internal/sagemaker'],
    [{ aws_bedrock_runtime_endpoint: 'http://not-for-sagemaker' }, 'https://runtime.sagemaker.eu-west-1.amazonaws.com'],
    [{}, 'https://runtime.sagemaker.eu-west-1.amazonaws.com'],
  ])('endpoint from %j is %s', (extra, endpoint) => {
    expect(resolveSageMakerTarget({ model, ...keys, ...extra }, {}).endpoint).toBe(endpoint);
  });

  it.each([
    ['https://runtime.sagemaker.us-east-2.amazonaws.com', 'us-east-2'],
    ['https://runtime-fips.sagemaker.us-gov-west-1.amazonaws.com', 'us-gov-west-1'],
  ])('reads the region from an explicit endpoint %s', (endpoint, region) => {
    const { aws_region_name: _, ...noRegion } = keys;
    expect(resolveSageMakerTarget({ model, ...noRegion, aws_sagemaker_runtime_endpoint: endpoint }, {}).region).toBe(region);
  });

  it('names what is missing, never a value', () => {
    let err: unknown;
    try {
      resolveSageMakerTarget({ model, aws_secret_access_key: 'do-not-show' }, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as Error).message).toBe(
      'sagemaker credentials are incomplete: missing aws_access_key_id (or AWS_ACCESS_KEY_ID), aws_region_name (or AWS_REGION / AWS_DEFAULT_REGION)',
    );
    expect((err as Error).message).not.toContain('do-not-show');
  });
});
