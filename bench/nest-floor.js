'use strict';
/**
 * The floor under the gateway: the smallest Nest 10 + Express app that proxies
 * the bench's chat call the way the gateway does (express.json body parser,
 * one controller with @Body/@Res, undici keep-alive Agent, JSON parsed and
 * re-serialized), with no validation, routing, interceptors, guards or
 * logging. The gap between it and the bare proxy is what the framework costs;
 * the gap between it and the gateway is what the gateway's own features cost.
 *
 * Env: UPSTREAM (http://127.0.0.1:<port>), PORT (0 = any). Prints `{"port": n}`.
 */
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { Body, Controller, Module, Post, Res } = require('@nestjs/common');
const { json } = require('express');
const { Agent, request } = require('undici');

const upstream = process.env.UPSTREAM ?? 'http://127.0.0.1:8080';
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 256 });

class ChatController {
  async create(body, res) {
    const up = await request(`${upstream}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      dispatcher,
    });
    const completion = JSON.parse(await up.body.text());
    res.setHeader('content-type', 'application/json');
    res.status(up.statusCode).end(JSON.stringify(completion));
  }
}
// The decorators, applied by hand (plain JS).
Body()(ChatController.prototype, 'create', 0);
Res()(ChatController.prototype, 'create', 1);
Reflect.decorate([Post(['chat/completions', 'v1/chat/completions'])], ChatController.prototype, 'create', Object.getOwnPropertyDescriptor(ChatController.prototype, 'create'));
Controller()(ChatController);

class FloorModule {}
Module({ controllers: [ChatController] })(FloorModule);

async function main() {
  const app = await NestFactory.create(FloorModule, { bodyParser: false, logger: ['error'] });
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(json({ limit: 20 * 1024 * 1024, type: () => true }));
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ port: app.getHttpServer().address().port })}\n`);
}

process.on('SIGTERM', () => process.exit(0)); // exit normally, so that --cpu-prof writes its profile
main().catch((err) => {
  process.stderr.write(`nest-floor failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
