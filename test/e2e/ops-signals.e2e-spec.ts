import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { MockUpstream, openAIStreamEvents } from '../support/mock-upstream.server';

/**
 * The built gateway (dist/main.js) as a child process, as Kubernetes runs
 * it: SIGTERM drains (SPEC 10), a second SIGTERM exits at once, SIGHUP
 * reloads the config file. `npm test` builds dist/ first; a missing build is
 * made here.
 */
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const MASTER = 'sk-master-signals';
const auth = { authorization: `Bearer ${MASTER}` };

beforeAll(() => {
  if (!existsSync(MAIN)) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
}, 120_000);

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

class GatewayProcess {
  readonly dir = mkdtempSync(join(tmpdir(), 'llmgw-signals-'));
  readonly configPath = join(this.dir, 'config.yaml');
  output = '';
  port = 0;
  private child?: ChildProcess;
  exited!: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  writeConfig(config: object | string): void {
    writeFileSync(this.configPath, typeof config === 'string' ? config : stringify(config));
  }

  async start(config: object): Promise<void> {
    this.writeConfig(config);
    this.port = await sparePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...process.env, CONFIG_PATH: this.configPath, PORT: String(this.port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout.on('data', (c: Buffer) => (this.output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (this.output += c.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    // Ready, as Kubernetes would wait for it: after the warm-up.
    // Generous: on a busy machine the 300 warm-up calls alone can take many seconds.
    await eventually('the gateway to be ready', async () => (await fetch(`${this.url}/health/readiness`)).ok, 90_000).catch((err: Error) => {
      throw new Error(`${err.message} (output: ${this.output.slice(-500)})`);
    });
  }

  signal(sig: NodeJS.Signals): void {
    this.child!.kill(sig);
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A streamed chat completion, read chunk by chunk. */
function startStream(gw: GatewayProcess, model: string) {
  let onFirst!: () => void;
  const first = new Promise<void>((r) => (onFirst = r));
  const body = (async () => {
    let text = '';
    try {
      const res = await fetch(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'tell me a story' }] }),
      });
      if (res.status !== 200) return { status: res.status, text: await res.text(), complete: false };
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += Buffer.from(value).toString();
        onFirst();
      }
      return { status: 200, text, complete: text.includes('data: [DONE]') };
    } catch {
      onFirst();
      return { status: 0, text, complete: false };
    }
  })();
  return { first, body };
}

const STORY = 'once upon a time there was a gateway that drained its streams before it went away';

describe('signals on the built gateway (child process)', () => {
  const upstream = new MockUpstream();
  const gateways: GatewayProcess[] = [];
  const config = (extra: object = {}) => ({
    model_list: [
      { model_name: 'slow', litellm_params: { model: 'openai/slow', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' }, model_info: { id: 'slow-1' } },
    ],
    general_settings: { master_key: MASTER, shutdown_grace_seconds: 20, shutdown_delay_seconds: 1 },
    ...extra,
  });
  const start = async (extra?: object) => {
    const gw = new GatewayProcess();
    gateways.push(gw);
    await gw.start(config(extra));
    return gw;
  };

  beforeAll(async () => {
    await upstream.start();
    // A slow stream: ~18 chunks, 150 ms apart.
    upstream.on('/chat/completions', { sse: openAIStreamEvents(STORY, 'slow'), eventDelayMs: 150 });
  });
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((g) => g.stop()));
  });
  afterAll(async () => {
    await upstream.stop();
  });

  it('SIGTERM during a slow stream: readiness 503, new connections refused, the stream completes, exit 0', async () => {
    const gw = await start();
    // The warm-up before readiness (300 calls in a shadow app) leaves no access line behind.
    expect(gw.output).toMatch(/listening on/);
    expect(gw.output).not.toMatch(/warmup|warm-up-|"route":"chat\.completions"/);
    const stream = startStream(gw, 'slow');
    await stream.first;

    gw.signal('SIGTERM');
    // During the delay the gateway still accepts connections, and readiness answers 503.
    const ready = await eventually('readiness 503', async () => {
      const r = await fetch(`${gw.url}/health/readiness`);
      return r.status === 503 ? ((await r.json()) as any) : undefined;
    });
    expect(ready.error.lifecycle).toMatchObject({ status: 'down' });
    // Then it stops accepting connections while the stream goes on.
    await eventually('connections to be refused', async () => !(await canConnect(gw.port)));

    const result = await stream.body;
    expect(result.complete).toBe(true);
    const content = [...result.text.matchAll(/"content":"([^"]*)"/g)].map((m) => m[1]).join('');
    expect(content).toBe(STORY);
    expect(await gw.exited).toEqual({ code: 0, signal: null });
    expect(gw.output).toContain('SIGTERM received');
    expect(gw.output).toContain('shutdown complete');
  }, 150_000);

  it('a second SIGTERM exits at once, without waiting for the stream', async () => {
    const gw = await start();
    const stream = startStream(gw, 'slow');
    await stream.first;

    gw.signal('SIGTERM');
    await eventually('readiness 503', async () => (await fetch(`${gw.url}/health/readiness`)).status === 503);
    gw.signal('SIGTERM');
    expect(await gw.exited).toEqual({ code: 1, signal: null });
    expect((await stream.body).complete).toBe(false);
  }, 150_000);

  it('SIGHUP reloads the config file; an invalid file is refused with the start-up message and the old config stays', async () => {
    const gw = await start();
    const models = async () => (await fetch(`${gw.url}/v1/models`, { headers: auth }).then((r) => r.json() as Promise<any>)).data.map((m: { id: string }) => m.id).sort();
    expect(await models()).toEqual(['slow']);

    gw.writeConfig(
      config({
        model_list: [
          ...config().model_list,
          { model_name: 'added', litellm_params: { model: 'openai/added', mock_response: 'new!' } },
        ],
      }),
    );
    gw.signal('SIGHUP');
    await eventually('the new model to be listed', async () => (await models()).includes('added'));
    expect(await models()).toEqual(['added', 'slow']);
    await eventually('the reload to be logged', async () => gw.output.includes('models added: added'));

    gw.writeConfig('model_list:\n  - model_name: broken\n    litellm_params: {model: nosuchprovider/x}\n');
    gw.signal('SIGHUP');
    await eventually('the refusal to be logged', async () => gw.output.includes('config reload refused'));
    expect(gw.output).toContain(`Invalid config file ${gw.configPath}: model_list[0].litellm_params.model: unknown provider 'nosuchprovider'`);
    expect(await models()).toEqual(['added', 'slow']);
    expect(gw.output).not.toContain('sk-upstream');
    expect(gw.output).not.toContain(MASTER);
  }, 150_000);
});
