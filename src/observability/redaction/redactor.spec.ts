import { redact, REDACTED, redactString } from './redactor';

const AWS_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('redactString', () => {
  it.each([
    ['OpenAI key', 'key is sk-abcdefghijklmnop1234 ok', 'sk-abcdefghijklmnop1234'],
    ['OpenAI project key', 'sk-proj-AbC_123-xyzXYZxyz', 'sk-proj-AbC_123-xyzXYZxyz'],
    ['Anthropic key', 'use sk-ant-api03-AAAAbbbbCCCCdddd-EEEE please', 'sk-ant-api03-AAAAbbbbCCCCdddd-EEEE'],
    ['Bearer token', 'sent Bearer abc.def-123456789 upstream', 'abc.def-123456789'],
    ['Authorization header text', 'Authorization: Bearer topsecretvalue', 'topsecretvalue'],
    ['AWS access key id', `id ${AWS_ID} here`, AWS_ID],
    ['AWS secret after the id', `${AWS_ID}:${AWS_SECRET}`, AWS_SECRET],
    ['api_key=…', 'failed with api_key=hunter2hunter2 at', 'hunter2hunter2'],
    ['JSON "password"', '{"password": "correct horse"}', 'correct'],
    ['key in a URL query', 'GET https://x.example/v1?key=abcdef123456&alt=sse', 'abcdef123456'],
    ['aws_secret_access_key=', `aws_secret_access_key=${AWS_SECRET}`, AWS_SECRET],
    ['Google key', 'AIzaSyA-1234567890abcdefghijklmnopqrstu', 'AIzaSyA-1234567890abcdefghijklmnopqrstu'],
    ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijkl', 'eyJhbGciOiJIUzI1NiJ9'],
  ])('removes a %s', (_name, text, secret) => {
    const out = redactString(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it.each([
    'Hello! Please summarise the tokens used in this answer.',
    'The secret of success is persistence; the password reset page is at /reset.',
    'A basic understanding of risk. Bearer bonds were common in 1900.',
    'The task-force met; sk-learn is a library; desk-lamp prices rose.',
    'git commit 3f786850e387550fdab836ed7e6dc881de23001b (a sha1, 40 hex chars)',
    'Embeddings of https://example.com/search?q=cats&page=2',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redactString(text)).toBe(text);
  });

  it('returns the same string when nothing matches', () => {
    const text = 'x'.repeat(10_000);
    expect(redactString(text)).toBe(text);
  });
});

describe('redact', () => {
  it.each([
    'api_key',
    'apiKey',
    'authorization',
    'Authorization',
    'api-key',
    'x-api-key',
    'secret',
    'password',
    'token',
    'aws_secret_access_key',
    'aws_session_token',
    'master_key',
    'secret_key',
    'client_secret',
    'vertex_credentials',
  ])('redacts the value of key %s whatever it looks like', (key) => {
    const out = redact({ [key]: 'plainvalue', keep: 'visible' });
    expect(out).toEqual({ [key]: REDACTED, keep: 'visible' });
  });

  it('redacts credentials inside user_config.model_list[].litellm_params', () => {
    const body = {
      model: 'gpt-4o',
      user_config: {
        model_list: [
          { model_name: 'a', litellm_params: { model: 'openai/gpt-4o', api_key: 'abc123', api_base: 'https://x.example' } },
          {
            model_name: 'b',
            litellm_params: { model: 'bedrock/claude', aws_access_key_id: AWS_ID, aws_secret_access_key: 'sss', aws_session_token: 'ttt' },
          },
        ],
      },
    };
    const out = redact(body);
    expect(out.user_config.model_list[0].litellm_params).toEqual({ model: 'openai/gpt-4o', api_key: REDACTED, api_base: 'https://x.example' });
    expect(out.user_config.model_list[1].litellm_params).toEqual({
      model: 'bedrock/claude',
      aws_access_key_id: REDACTED,
      aws_secret_access_key: REDACTED,
      aws_session_token: REDACTED,
    });
    // The input object is never modified.
    expect(body.user_config.model_list[0].litellm_params.api_key).toBe('abc123');
  });

  it('redacts key-shaped strings inside arrays and message content parts', () => {
    const out = redact({
      messages: [
        { role: 'user', content: 'my key is sk-live1234567890abcdef' },
        { role: 'user', content: [{ type: 'text', text: `creds ${AWS_ID} ${AWS_SECRET}` }] },
      ],
      tags: ['ok', 'sk-ant-api03-zzzzzzzzzzzzzzzz'],
    });
    const text = JSON.stringify(out);
    expect(text).not.toContain('sk-live1234567890abcdef');
    expect(text).not.toContain(AWS_ID);
    expect(text).not.toContain(AWS_SECRET);
    expect(text).not.toContain('sk-ant-api03');
    expect(out.tags[0]).toBe('ok');
  });

  it('redacts header objects, keeping the harmless ones', () => {
    const out = redact({ headers: { 'content-type': 'application/json', Authorization: 'Bearer abc', 'api-key': 'k', cookie: 'sid=1' } });
    expect(out.headers).toEqual({ 'content-type': 'application/json', Authorization: REDACTED, 'api-key': REDACTED, cookie: REDACTED });
  });

  it('keeps numbers and booleans under secret-looking keys and token counts', () => {
    const value = { usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 }, max_token: 5, is_secret: false };
    expect(redact(value)).toBe(value);
  });

  it('returns the same object (no copy) when nothing is secret', () => {
    const value = { a: 1, b: ['x', { c: 'hello world' }], d: null, e: new Date(0) };
    expect(redact(value)).toBe(value);
  });

  it('copies only along the path that changed', () => {
    const clean = { c: 'fine' };
    const value = { clean, dirty: { api_key: 'k' } };
    const out = redact(value);
    expect(out).not.toBe(value);
    expect(out.clean).toBe(clean);
  });

  it('turns errors into plain objects with a redacted message', () => {
    const out = redact({ err: new Error('upstream said: invalid api_key=abcdefgh1234') }) as unknown as { err: Record<string, unknown> };
    expect(out.err.type).toBe('Error');
    expect(out.err.message).toBe('upstream said: invalid api_key=[REDACTED]');
  });

  it('survives cyclic objects', () => {
    const a: Record<string, unknown> = { name: 'a', token: 'x' };
    a.self = a;
    expect(() => JSON.stringify(redact(a), (_k, v) => v)).not.toThrow();
  });
});
