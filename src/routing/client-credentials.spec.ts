import { lookup } from 'node:dns/promises';
import { InvalidRequestError, PermissionDeniedError } from '../common/errors';
import {
  assertApiBaseAllowed,
  isMetadataAddress,
  missingOwnCredentials,
  readClientCredentials,
  usesClientCredentials,
  withClientCredentials,
} from './client-credentials';
import { deployment } from './testing/routing-test-kit';

jest.mock('node:dns/promises', () => ({ lookup: jest.fn() }));
const mockedLookup = lookup as unknown as jest.Mock;

const open = { allowClientSideCredentials: true, apiBaseAllowlist: [] as string[] };

async function refusal(apiBase: string, policy = open, param?: string): Promise<PermissionDeniedError> {
  try {
    await assertApiBaseAllowed(apiBase, policy, param);
  } catch (e) {
    return e as PermissionDeniedError;
  }
  throw new Error(`expected ${apiBase} to be refused`);
}

beforeEach(() => {
  mockedLookup.mockReset();
  mockedLookup.mockResolvedValue([{ address: '93.184.216.34', family: 4 }]);
});

describe('isMetadataAddress', () => {
  it.each([
    ['169.254.169.254', true],
    ['169.254.0.1', true],
    ['fd00:ec2::254', true],
    ['[fd00:ec2::254]', true],
    ['fd00:0ec2:0:0:0:0:0:254', true],
    ['fe80::1', true],
    ['fe80::1%eth0', true],
    ['::ffff:169.254.169.254', true],
    ['::ffff:a9fe:a9fe', true], // what new URL() makes of [::ffff:169.254.169.254]
    ['[::ffff:a9fe:a9fe]', true],
    ['::169.254.169.254', true],
    ['64:ff9b::a9fe:a9fe', true],
    ['10.0.0.1', false],
    ['127.0.0.1', false],
    ['169.253.1.1', false],
    ['::1', false],
    ['::ffff:7f00:1', false],
    ['fd00:ec2::253', false],
    ['2001:db8::1', false],
    ['example.com', false],
  ])('%s → %s', (address, expected) => {
    expect(isMetadataAddress(address)).toBe(expected);
  });
});

describe('assertApiBaseAllowed', () => {
  it('refuses any api_base when client-side credentials are off, naming the setting', async () => {
    const e = await refusal('https://api.example.com', { allowClientSideCredentials: false, apiBaseAllowlist: [] });
    expect(e).toBeInstanceOf(PermissionDeniedError);
    expect(e).toMatchObject({ status: 403, type: 'permission_error', param: 'api_base', code: 'client_side_credentials_not_allowed' });
    expect(e.message).toContain('allow_client_side_credentials');
  });

  it.each(['file:///etc/passwd', 'ftp://example.com', 'gopher://example.com', 'javascript:alert(1)'])('refuses the scheme of %s', async (base) => {
    expect(await refusal(base)).toMatchObject({ code: 'api_base_not_allowed', message: "'api_base' must use http or https" });
  });

  it('refuses what is not a URL', async () => {
    expect((await refusal('not a url')).message).toBe("'api_base' is not a valid URL");
  });

  it('accepts any public http(s) host with an empty allowlist', async () => {
    await expect(assertApiBaseAllowed('https://api.example.com/v1', open)).resolves.toBeUndefined();
    await expect(assertApiBaseAllowed('http://10.1.2.3:8000', open)).resolves.toBeUndefined();
  });

  it('with an allowlist, accepts only its hosts (exact, any port, or *.suffix)', async () => {
    const policy = { allowClientSideCredentials: true, apiBaseAllowlist: ['api.example.com', 'https://llm.internal:8443/path', '*.openai.azure.com'] };
    await expect(assertApiBaseAllowed('https://api.example.com/v1', policy)).resolves.toBeUndefined();
    await expect(assertApiBaseAllowed('https://API.EXAMPLE.COM:444', policy)).resolves.toBeUndefined();
    await expect(assertApiBaseAllowed('http://llm.internal:9000', policy)).resolves.toBeUndefined();
    await expect(assertApiBaseAllowed('https://eu.openai.azure.com', policy)).resolves.toBeUndefined();
    for (const base of ['https://evil.com', 'https://api.example.com.evil.com', 'https://openai.azure.com.evil.com', 'https://notapi.example.com']) {
      const e = await refusal(base, policy);
      expect(e.message).toMatch(/is not in general_settings.client_side_api_base_allowlist/);
    }
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.170.2/v2/credentials',
    'http://[fd00:ec2::254]/latest',
    'http://[::ffff:169.254.169.254]/',
    'http://[fe80::1]/',
    'http://2852039166/', // 169.254.169.254 as one number
    'http://0xa9.0xfe.0xa9.0xfe/',
  ])('refuses the metadata address %s whatever the allowlist says', async (base) => {
    const host = new URL(base).hostname.replace(/^\[|\]$/g, '');
    const e = await refusal(base, { allowClientSideCredentials: true, apiBaseAllowlist: [host] });
    expect(e.message).toContain('link-local or metadata address');
    expect(mockedLookup).not.toHaveBeenCalled();
  });

  it('refuses a hostname that resolves to a metadata address (the resolved address is checked, not the name)', async () => {
    mockedLookup.mockResolvedValue([
      { address: '93.184.216.34', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ]);
    const e = await refusal('https://metadata.attacker.example/v1', { allowClientSideCredentials: true, apiBaseAllowlist: ['*.attacker.example'] });
    expect(e.message).toContain('link-local or metadata address');
    expect(mockedLookup).toHaveBeenCalledWith('metadata.attacker.example', { all: true, verbatim: true });
  });

  it.each(['fd00:ec2::254', '::ffff:169.254.169.254'])('refuses a hostname resolving to %s', async (address) => {
    mockedLookup.mockResolvedValue([{ address, family: 6 }]);
    expect((await refusal('https://sneaky.example')).code).toBe('api_base_not_allowed');
  });

  it('lets an unresolvable name through (the call fails as unreachable, nothing is sent)', async () => {
    mockedLookup.mockRejectedValue(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }));
    await expect(assertApiBaseAllowed('https://nowhere.invalid', open)).resolves.toBeUndefined();
  });

  it('names the field it checked', async () => {
    const e = await refusal('http://169.254.169.254', open, 'user_config.model_list[0].litellm_params.api_base');
    expect(e.param).toBe('user_config.model_list[0].litellm_params.api_base');
  });
});

describe('withClientCredentials', () => {
  const own = deployment('d', { api_key: 'sk-own', api_base: 'https://own.example/v1', extra_headers: { 'x-secret': 's' }, api_version: '2024-01-01' });

  it('returns the deployment untouched without client-side credentials', () => {
    expect(withClientCredentials(own, {})).toBe(own);
    expect(usesClientCredentials({})).toBe(false);
    expect(usesClientCredentials({ api_version: 'v' })).toBe(false);
    expect(usesClientCredentials({ api_key: 'k' })).toBe(true);
  });

  it("an api_key alone replaces the deployment's key, to the deployment's own base", () => {
    const d = withClientCredentials({ ...own, missingEnv: ['OWN_KEY'] }, { api_key: 'sk-caller' });
    expect(d.params).toMatchObject({ api_key: 'sk-caller', api_base: 'https://own.example/v1', extra_headers: { 'x-secret': 's' } });
    expect(d.missingEnv).toEqual([]);
  });

  it("an api_base drops the deployment's key, AWS keys and extra headers", () => {
    const aws = deployment('b', { model: 'openai/x', aws_access_key_id: 'AKIA', aws_secret_access_key: 'sec', aws_session_token: 'tok', api_key: 'sk-own', extra_headers: { a: 'b' } });
    const d = withClientCredentials(aws, { api_base: 'https://caller.example' });
    expect(d.params).toEqual({ model: 'openai/x', api_base: 'https://caller.example', aws_bedrock_runtime_endpoint: undefined });
  });

  it('api_version replaces the deployment’s', () => {
    expect(withClientCredentials(own, { api_version: '2025-01-01' }).params.api_version).toBe('2025-01-01');
  });

  it("refuses a caller's api_base for gemini without the caller's key, and for bedrock always", () => {
    const gemini = deployment('g', { model: 'gemini/gemini-pro' });
    expect(() => withClientCredentials(gemini, { api_base: 'https://caller.example' })).toThrow(PermissionDeniedError);
    expect(withClientCredentials(gemini, { api_base: 'https://caller.example', api_key: 'k' }).params.api_key).toBe('k');
    const bedrock = deployment('br', { model: 'bedrock/anthropic.claude', aws_access_key_id: 'AKIA', aws_secret_access_key: 's' });
    expect(() => withClientCredentials(bedrock, { api_base: 'https://caller.example', api_key: 'k' })).toThrow(/gateway's would be sent/);
    expect(() => withClientCredentials(bedrock, { api_key: 'k' })).not.toThrow();
  });
});

describe('missingOwnCredentials', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['gemini', {}, ['api_key']],
    ['gemini', { api_key: 'k' }, []],
    ['bedrock', { aws_access_key_id: 'a' }, ['aws_secret_access_key']],
    ['bedrock', { aws_access_key_id: 'a', aws_secret_access_key: 's' }, []],
    ['gemini', { mock_response: 'hi' }, []],
    ['openai', {}, []],
    ['azure', {}, []],
  ])('%s %j → %j', (provider, params, expected) => {
    expect(missingOwnCredentials(provider, { model: `${provider}/x`, ...params })).toEqual(expected);
  });
});

describe('readClientCredentials', () => {
  it('reads api_key, api_base (or base_url) and api_version', () => {
    expect(readClientCredentials({ api_key: 'k', base_url: 'https://b', api_version: 'v', model: 'm' })).toEqual({ api_key: 'k', api_base: 'https://b', api_version: 'v' });
    expect(readClientCredentials({ api_key: null })).toEqual({});
  });

  it.each([['api_key', 42], ['api_base', ''], ['api_version', {}]])('400 naming %s when it is not a non-empty string', (field, value) => {
    let err: unknown;
    try {
      readClientCredentials({ [field]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err).toMatchObject({ param: field, status: 400 });
  });
});
