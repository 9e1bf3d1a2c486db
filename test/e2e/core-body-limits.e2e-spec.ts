import { connect } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-limits';
const CHAT = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

/** Raw HTTP over a socket: the status line, headers and body as the gateway wrote them, and whether it closed the connection. */
function rawRequest(url: string, head: string, body: Buffer | string = '', endAfterBody = false): Promise<{ status: number; head: string; body: string; closed: boolean }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let data = '';
    socket.on('error', () => undefined); // a reset after the answer is expected when the body is refused
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('close', () => {
      const [headText, ...rest] = data.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1] ?? 0);
      resolve({ status, head: headText, body: rest.join('\r\n\r\n'), closed: true });
    });
    socket.setTimeout(10_000, () => reject(new Error(`no answer: ${data}`)));
    socket.write(head);
    socket.write(body);
    if (endAfterBody) socket.end();
  });
}

describe('core gateway: request bodies that cannot become a 500', () => {
  let gw: StartedGateway;
  const post = (path: string, body: Buffer | string, headers: Record<string, string> = {}) =>
    fetch(`${gw.url}${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json', ...headers } }).then(async (r) => ({
      status: r.status,
      json: (await r.json()) as any,
    }));

  beforeAll(async () => {
    gw = await startGateway({
      model_list: [
        { model_name: 'm', litellm_params: { model: 'openai/m', mock_response: 'hello' } },
        { model_name: 'e', litellm_params: { model: 'openai/e', mock_response: 'embedding' } },
      ],
      general_settings: { master_key: MASTER, max_request_size_mb: 1 },
    });
  });
  afterAll(() => gw.close());

  it('answers a declared-but-unsent body over the limit with 413 at once, and closes the connection', async () => {
    const head = `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${MASTER}\r\nContent-Type: application/json\r\nContent-Length: ${6 * 1024 * 1024}\r\n\r\n`;
    const started = Date.now();
    const res = await rawRequest(gw.url, head, Buffer.alloc(64 * 1024, 'a'));
    expect(res.status).toBe(413);
    expect(res.head.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(res.body).error).toMatchObject({ type: 'invalid_request_error', code: 'request_too_large' });
    expect(Date.now() - started).toBeLessThan(3000); // the socket would otherwise wait for the 6 MB that never come
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('decodes a %s body', async (encoding, encode) => {
    const res = await post('/v1/chat/completions', encode(Buffer.from(JSON.stringify(CHAT))), { 'content-encoding': encoding });
    expect(res.status).toBe(200);
    expect(res.json.choices[0].message.content).toBe('hello');
  });

  it('applies the limit to the decoded size: a zip bomb is 413', async () => {
    const bomb = gzipSync(Buffer.from(JSON.stringify({ ...CHAT, pad: 'x'.repeat(50 * 1024 * 1024) })));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await post('/v1/chat/completions', bomb, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('request_too_large');
  });

  it.each(['gzip', 'deflate', 'br'])('a body that is not %s data is 400 invalid_content_encoding', async (encoding) => {
    const res = await post('/v1/chat/completions', JSON.stringify(CHAT), { 'content-encoding': encoding });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_content_encoding' });
  });

  it('an unknown encoding or charset is 415', async () => {
    const enc = await post('/v1/chat/completions', JSON.stringify(CHAT), { 'content-encoding': 'zstd' });
    expect(enc.status).toBe(415);
    expect(enc.json.error).toMatchObject({ type: 'invalid_request_error', code: 'unsupported_content_encoding' });
    const charset = await post('/v1/chat/completions', JSON.stringify(CHAT), { 'content-type': 'application/json; charset=latin1' });
    expect(charset.status).toBe(415);
    expect(charset.json.error.code).toBe('unsupported_charset');
  });

  // As text: JSON.stringify itself overflows the stack on such values.
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const chatWith = (field: string, value: string) => `{"model":"m","messages":[{"role":"user","content":"hi"}],"${field}":${value}}`;
  it.each([
    ['the root', () => deep(10_000), '[0]'],
    ['metadata', () => chatWith('metadata', `{"a":${deep(10_000)}}`), 'metadata.a[0]'],
    ['user_config', () => chatWith('user_config', `{"model_list":${deep(10_000)}}`), 'user_config.model_list[0]'],
    ['tools', () => chatWith('tools', deep(10_000)), 'tools[0]'],
    ['message content', () => `{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":${deep(10_000)}}]}]}`, 'messages[0].content[0].text[0]'],
  ])('JSON nested 10,000 deep in %s is 400 naming where', async (_where, body, prefix) => {
    const res = await post('/v1/chat/completions', body());
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ type: 'invalid_request_error', code: 'json_too_deep' });
    expect(res.json.error.param.startsWith(prefix)).toBe(true);
  });

  it('64 levels are accepted', async () => {
    const res = await post('/v1/chat/completions', chatWith('metadata', `{"a":${deep(62)}}`));
    expect(res.status).toBe(200);
  });

  it('types are strict at every depth', async () => {
    const res = await post('/v1/chat/completions', JSON.stringify({ ...CHAT, stream_options: { include_usage: 'yes' } }));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ type: 'invalid_request_error', param: 'stream_options.include_usage' });
  });

  it('a request that is not HTTP gets an OpenAI error body', async () => {
    const res = await rawRequest(gw.url, 'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n', '', true);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.type).toBe('invalid_request_error');
  });
});
