import { createServer, request, Agent, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { LifecycleState } from '../health/lifecycle.state';
import { GracefulShutdown } from './graceful-shutdown';

const quiet: LoggerService = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** A server whose /stream answers a chunk at once and ends when the test says. */
async function startServer() {
  const open: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      open.push(res);
      return;
    }
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { server, port, open };
}

function fakeApp() {
  const lifecycle = new LifecycleState();
  const close = jest.fn(async () => undefined);
  const app = { get: () => lifecycle, close } as unknown as INestApplication;
  return { app, lifecycle, close };
}

/** Starts a streaming GET; resolves `first` at the first chunk and `body` at the end. */
function startStream(port: number, agent: Agent) {
  let onFirst!: () => void;
  const first = new Promise<void>((r) => (onFirst = r));
  const body = new Promise<{ text: string; complete: boolean }>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/stream', agent }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
        onFirst();
      });
      res.on('end', () => resolve({ text, complete: res.complete }));
      res.on('error', () => resolve({ text, complete: false }));
      res.on('aborted', () => resolve({ text, complete: false }));
    });
    req.on('error', () => resolve({ text: '', complete: false }));
    req.end();
  });
  return { first, body };
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

describe('GracefulShutdown', () => {
  const agents: Agent[] = [];
  const newAgent = () => {
    const a = new Agent({ keepAlive: true });
    agents.push(a);
    return a;
  };
  afterEach(() => agents.splice(0).forEach((a) => a.destroy()));

  it('fails readiness, refuses new connections, lets a stream in flight finish, closes the app and exits 0', async () => {
    const { server, port, open } = await startServer();
    const { app, lifecycle, close } = fakeApp();
    const exit = jest.fn();
    const shutdown = new GracefulShutdown(app, server, { graceSeconds: 30, logger: quiet, exit });

    // An idle kept-alive connection must not hold the drain open.
    const idle = newAgent();
    await new Promise<void>((r) => request({ host: '127.0.0.1', port, path: '/', agent: idle }, (res) => res.resume().on('end', r)).end());

    const stream = startStream(port, newAgent());
    await stream.first;
    const drained = shutdown.onSignal('SIGTERM');

    expect(lifecycle.isDraining).toBe(true);
    expect(await canConnect(port)).toBe(false);
    expect(exit).not.toHaveBeenCalled();
    expect(close).not.toHaveBeenCalled();

    open[0].write('data: second\n\n');
    open[0].end('data: [DONE]\n\n');
    await drained;
    expect(await stream.body).toEqual({ text: 'data: first\n\ndata: second\n\ndata: [DONE]\n\n', complete: true });
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits at once on a second signal', async () => {
    const { server, port, open } = await startServer();
    const { app, close } = fakeApp();
    const exit = jest.fn();
    const shutdown = new GracefulShutdown(app, server, { graceSeconds: 30, logger: quiet, exit });
    const stream = startStream(port, newAgent());
    await stream.first;

    const drained = shutdown.onSignal('SIGTERM');
    void shutdown.onSignal('SIGTERM');
    expect(exit).toHaveBeenCalledWith(1);
    expect(close).not.toHaveBeenCalled();

    open[0].end();
    await drained;
    await stream.body;
  });

  it('cuts calls still running when the grace period is over, then closes the app', async () => {
    const { server, port } = await startServer();
    const { app, close } = fakeApp();
    const exit = jest.fn();
    const shutdown = new GracefulShutdown(app, server, { graceSeconds: 0.1, logger: quiet, exit });
    const stream = startStream(port, newAgent());
    await stream.first;

    await shutdown.onSignal('SIGTERM');
    expect((await stream.body).complete).toBe(false);
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('with a delay, keeps accepting connections (readiness already down) before it stops', async () => {
    const { server, port } = await startServer();
    const { app, lifecycle, close } = fakeApp();
    const exit = jest.fn();
    const drained = new GracefulShutdown(app, server, { graceSeconds: 5, delaySeconds: 0.3, logger: quiet, exit }).onSignal('SIGTERM');
    expect(lifecycle.isDraining).toBe(true);
    expect(await canConnect(port)).toBe(true);
    await drained;
    expect(await canConnect(port)).toBe(false);
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits 1 when closing the app fails', async () => {
    const { server } = await startServer();
    const { app, close } = fakeApp();
    close.mockRejectedValueOnce(new Error('sink flush failed'));
    const exit = jest.fn();
    await new GracefulShutdown(app, server, { graceSeconds: 1, logger: quiet, exit }).onSignal('SIGTERM');
    expect(exit).toHaveBeenCalledWith(1);
  });
});
