'use strict';
/**
 * What the global ValidationPipe costs per request on chat bodies of several
 * sizes (in-process, no HTTP): `node bench/micro/validation.js` after a build
 * (BENCH_DIST=<dir> for another build).
 */
require('reflect-metadata');
const { performance } = require('node:perf_hooks');
const path = require('node:path');
const DIST = path.resolve(process.env.BENCH_DIST ?? path.join(__dirname, '..', '..', 'dist'));
require(path.join(DIST, 'app.module')); // every decorated class loaded, as in the running app
const { openAIValidationPipe } = require(path.join(DIST, 'common/pipes/openai-validation.pipe'));
const { ChatCompletionRequestDto } = require(path.join(DIST, 'api/chat-completions/dto/chat-completion-request.dto'));
const W = require('../lib/workloads');

const pipe = openAIValidationPipe();
const meta = { type: 'body', metatype: ChatCompletionRequestDto, data: undefined };

function body(kind) {
  const b = JSON.parse(W.BODIES.chat);
  if (kind === 'long chat (50 messages)') b.messages = Array.from({ length: 50 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: 'x'.repeat(400) }));
  if (kind === 'multimodal (1 MB image part)') b.messages.push({ role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(1 << 20)}` } }] });
  if (kind === 'tools (20 tools)') b.tools = Array.from({ length: 20 }, (_, i) => ({ type: 'function', function: { name: `f${i}`, description: 'd'.repeat(200), parameters: { type: 'object', properties: { a: { type: 'string' } } } } }));
  return b;
}

async function time(kind, n) {
  const text = JSON.stringify(body(kind));
  for (let i = 0; i < 200; i++) await pipe.transform(JSON.parse(text), meta);
  let parse = 0;
  let validate = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const b = JSON.parse(text);
    const t1 = performance.now();
    await pipe.transform(b, meta);
    validate += performance.now() - t1;
    parse += t1 - t0;
  }
  console.log(`${kind.padEnd(32)} ${String(text.length).padStart(8)} B   JSON.parse ${((parse / n) * 1000).toFixed(1).padStart(7)} µs   validation ${((validate / n) * 1000).toFixed(1).padStart(7)} µs`);
}

(async () => {
  for (const kind of ['bench chat (2 messages)', 'long chat (50 messages)', 'tools (20 tools)', 'multimodal (1 MB image part)']) await time(kind, 3000);
})();
