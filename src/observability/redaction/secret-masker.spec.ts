import { RateLimitError } from '../../common/errors';
import { callerSecrets, environmentSecrets, secretsIn } from './known-secrets';
import { normalise, SecretMasker } from './secret-masker';
import { REDACTED } from './secret-patterns';

describe('SecretMasker', () => {
  it('masks a registered value anywhere in a text, whatever it looks like', () => {
    const m = new SecretMasker();
    m.register('config', ['plain-looking-value-1']);
    expect(m.mask('upstream said plain-looking-value-1 is wrong')).toBe(`upstream said ${REDACTED} is wrong`);
  });

  it('masks the per-call values it is given, and only for that call', () => {
    const m = new SecretMasker();
    expect(m.mask('key caller-own-key-42 refused', ['caller-own-key-42'])).toBe(`key ${REDACTED} refused`);
    expect(m.mask('key caller-own-key-42 refused')).toBe('key caller-own-key-42 refused');
  });

  it('masks key shapes it was never told about', () => {
    const m = new SecretMasker();
    for (const text of ['Incorrect API key provided: sk-live-abcdefgh1234', 'creds AKIAABCDEFGHIJKLMNOP', 'Authorization: Bearer tok3n-value-xyz', 'url?key=AIzaSyA-1234567890']) {
      expect(m.mask(text)).toContain(REDACTED);
    }
  });

  it('masks long hex or base64 runs after key= / key:', () => {
    const m = new SecretMasker();
    expect(m.mask('invalid key=0123456789abcdef0123456789abcdef')).toBe(`invalid key=${REDACTED}`);
    expect(m.mask('key: c2VjcmV0LXZhbHVlLTEyMzQ1Njc4OTA=')).toBe(`key: ${REDACTED}`);
    expect(m.mask('the key: value is required')).toBe('the key: value is required');
  });

  it('replaces a source on re-register and forgets it on unregister', () => {
    const m = new SecretMasker();
    m.register('config', ['old-secret-value']);
    m.register('config', ['new-secret-value']);
    expect(m.mask('old-secret-value new-secret-value')).toBe(`old-secret-value ${REDACTED}`);
    m.unregister('config');
    expect(m.size).toBe(0);
  });

  it('masks the longer of two overlapping values whole', () => {
    const m = new SecretMasker();
    m.register('a', ['abcdef', 'abcdef-ghijkl']);
    expect(m.mask('x abcdef-ghijkl y')).toBe(`x ${REDACTED} y`);
  });

  it('ignores values too short to be keys', () => {
    const m = new SecretMasker();
    m.register('a', ['test', 'k']);
    expect(m.size).toBe(0);
    expect(m.mask('a test of k')).toBe('a test of k');
  });

  it('masks an error in place: message and code', () => {
    const m = new SecretMasker();
    m.register('a', ['echoed-secret-1']);
    const err = new RateLimitError('slow down, echoed-secret-1', { code: 'echoed-secret-1' });
    expect(m.maskError(err)).toBe(err);
    expect(err.message).toBe(`slow down, ${REDACTED}`);
    expect(err.code).toBe(REDACTED);
  });

  it('redacts structures with known values, copy-on-write', () => {
    const m = new SecretMasker();
    m.register('a', ['in-a-structure-1']);
    const clean = { a: 'fine' };
    const value = { clean, list: ['x in-a-structure-1'] };
    const out = m.redact(value);
    expect(out.list[0]).toBe(`x ${REDACTED}`);
    expect(out.clean).toBe(clean);
    expect(m.redact(clean)).toBe(clean);
  });
});

describe('normalise', () => {
  it('adds the token of a Bearer value and the URL-encoded spelling', () => {
    expect(normalise(['Bearer abc/def+ghi'])).toEqual(expect.arrayContaining(['Bearer abc/def+ghi', 'abc/def+ghi', 'abc%2Fdef%2Bghi']));
  });
});

describe('known secrets', () => {
  it('finds every secret of a config: keys at any depth, header values, passwords, sink keys', () => {
    const config = {
      deployments: [{ params: { model: 'openai/x', api_key: 'dep-key-123', aws_secret_access_key: 'aws-secret-1', extra_headers: { 'X-Org-Token': 'org-tok-1', 'content-type': 'application/json' } } }],
      router: { redis_password: 'redis-pass-1' },
      general: { master_key: 'sk-master-1' },
      logging: { sinks: [{ type: 'webhook', headers: { 'X-Hook': 'hook-value-1' } }, { type: 'langfuse', public_key: 'pk-lf-1', secret_key: 'sk-lf-1' }] },
    };
    expect(secretsIn(config).sort()).toEqual(['aws-secret-1', 'dep-key-123', 'hook-value-1', 'org-tok-1', 'pk-lf-1', 'redis-pass-1', 'sk-lf-1', 'sk-master-1']);
  });

  it('reads credential variables of the environment by name', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 's1', GEMINI_API_KEY: 'g1', LANGFUSE_PUBLIC_KEY: 'p1', PATH: '/usr/bin', HOME: '/root' };
    expect(environmentSecrets(env).sort()).toEqual(['AKIA1', 'g1', 'p1', 's1']);
  });

  it('takes a caller key headers, credentials and user_config secrets, not its prompt', () => {
    const headers = { authorization: 'Bearer caller-1', 'x-api-key': 'caller-2', 'content-type': 'application/json' };
    const body = {
      messages: [{ role: 'user', content: 'api_key: not-collected' }],
      api_key: 'body-key',
      aws_session_token: 'body-token',
      user_config: { model_list: [{ litellm_params: { api_key: 'uc-key', aws_access_key_id: 'uc-id', api_base: 'http://x' } }] },
    };
    expect(callerSecrets(headers, body).sort()).toEqual(['Bearer caller-1', 'body-key', 'body-token', 'caller-2', 'uc-id', 'uc-key']);
  });
});
