import { PassThrough } from 'node:stream';
import type { Response } from 'express';
import { BadGatewayError } from '../errors';
import { SseWriter } from './sse.writer';

/** A minimal Response over a stream whose buffer fills after `highWaterMark` bytes. */
function fakeResponse(highWaterMark = 1 << 20) {
  const sink = new PassThrough({ highWaterMark });
  const written: string[] = [];
  const res = Object.assign(sink, {
    headers: {},
    statusCode: 0,
    writeHead(status: number, headers: Record<string, unknown>) {
      this.statusCode = status;
      this.headers = headers;
      return this;
    },
    flushHeaders() {},
  });
  const origWrite = sink.write.bind(sink);
  (res as any).write = (chunk: string) => {
    written.push(chunk);
    return origWrite(chunk);
  };
  const origEnd = sink.end.bind(sink);
  (res as any).end = (chunk?: string) => {
    if (chunk) written.push(chunk);
    return origEnd();
  };
  return { res: res as unknown as Response & { headers: Record<string, unknown>; statusCode: number }, written, sink };
}

describe('SseWriter', () => {
  it('writes event-stream headers, data lines and a final [DONE]', async () => {
    const { res, written } = fakeResponse();
    const w = new SseWriter(res);
    w.start({ 'x-gateway-deployment': 'd1' });
    await w.write({ a: 1 });
    w.end();
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-gateway-deployment': 'd1' });
    expect(written).toEqual(['data: {"a":1}\n\n', 'data: [DONE]\n\n']);
  });

  it('after the first chunk, an error is one event and the end (no [DONE])', async () => {
    const { res, written } = fakeResponse();
    const w = new SseWriter(res);
    w.start();
    await w.write({ a: 1 });
    w.fail(new BadGatewayError('upstream broke'));
    w.end();
    expect(written).toEqual(['data: {"a":1}\n\n', 'data: {"error":{"message":"upstream broke","type":"api_error","param":null,"code":null}}\n\n']);
    expect(w.isOpen).toBe(false);
  });

  it('waits for drain when the client is slow (back-pressure)', async () => {
    const { res, sink } = fakeResponse(16);
    const w = new SseWriter(res);
    w.start();
    let done = false;
    const pending = w.write({ big: 'x'.repeat(64) }).then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    sink.read(); // the client reads: the buffer drains
    await pending;
    expect(done).toBe(true);
  });

  it('sends the headers with the first event at once, and later writes of one tick together on the next tick', async () => {
    const { res, written } = fakeResponse();
    const socket = { destroyed: false, corked: 0, cork: () => socket.corked++, uncork: () => socket.corked-- };
    Object.assign(res, { socket });
    const w = new SseWriter(res);
    w.start();
    expect(socket.corked).toBe(1);
    void w.write({ a: 1 });
    expect(socket.corked).toBe(0);
    void w.write({ a: 2 });
    expect(socket.corked).toBe(1);
    await new Promise((r) => process.nextTick(r));
    expect(socket.corked).toBe(0);
    void w.write({ a: 3 });
    expect(socket.corked).toBe(1);
    w.end();
    await new Promise((r) => process.nextTick(r));
    expect(socket.corked).toBe(0);
    expect(written).toEqual(['data: {"a":1}\n\n', 'data: {"a":2}\n\n', 'data: {"a":3}\n\n', 'data: [DONE]\n\n']);
  });

  it('never leaves the socket corked: a stream with no event, or an error, still ends', async () => {
    const { res } = fakeResponse();
    const socket = { destroyed: false, corked: 0, cork: () => socket.corked++, uncork: () => socket.corked-- };
    Object.assign(res, { socket });
    const w = new SseWriter(res);
    w.start();
    w.fail(new BadGatewayError('upstream broke'));
    await new Promise((r) => process.nextTick(r));
    expect(socket.corked).toBe(0);
  });
});
