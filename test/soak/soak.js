'use strict';
/**
 * Memory soak (npm run soak; not part of `npm test`). Starts the built gateway
 * (dist/) with the container's node flags, a mock upstream and file + webhook
 * sinks, then:
 *   1. a hostile phase: multi-MB bodies (valid, over the limit, mistyped), JSON
 *      nested 10,000 deep, corrupt gzip;
 *   2. three rounds of ROUND_CALLS ordinary calls (half streamed, some aborted).
 * It prints the gateway's RSS after each phase and passes when every RSS stays
 * under RSS_BOUND_MB and round 3 ends within 50 MB of round 1.
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');
const { request, Agent } = require('undici');

const ROUND_CALLS = Number(process.env.ROUND_CALLS ?? 20_000);
const HOSTILE_CALLS = Number(process.env.HOSTILE_CALLS ?? 600);
const RSS_BOUND_MB = Number(process.env.RSS_BOUND_MB ?? 450);
const DRIFT_MB = 50;
const CONCURRENCY = 32;
const KEY = 'sk-soak-master';
const root = join(__dirname, '..', '..');

function startChild(args, env) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return child;
}

function firstLine(child) {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', function onData(d) {
      buf += d;
      const i = buf.indexOf('\n');
      if (i >= 0) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(buf.slice(0, i));
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitReady(url) {
  for (let i = 0; i < 200; i++) {
    try {
      const r = await request(`${url}/health/liveliness`);
      await r.body.text();
      if (r.statusCode === 200) return;
    } catch {}
    await sleep(100);
  }
  throw new Error('gateway did not start');
}

async function run(n, make) {
  let next = 0;
  const statuses = {};
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next++;
        const status = await make(i).catch((e) => e.name || 'error');
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  return statuses;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-soak-'));
  const mock = startChild([join(root, 'bench', 'mock-upstream.js')], { PORT: '0' });
  const { port: mockPort } = JSON.parse(await firstLine(mock));
  const upstream = `http://127.0.0.1:${mockPort}`;
  const config = `
model_list:
  - model_name: gpt-4o-mini
    litellm_params: {model: openai/gpt-4o-mini, api_base: "${upstream}/v1", api_key: sk-up}
general_settings: {master_key: ${KEY}}
router_settings: {num_retries: 0}
logging:
  sinks:
    - {type: file, path: "${join(dir, 'events.jsonl')}", max_bytes: 50000000, max_files: 2}
    - {type: webhook, url: "${upstream}/collect"}
`;
  writeFileSync(join(dir, 'config.yaml'), config);
  const port = 40000 + Math.floor(Math.random() * 20000);
  const gateway = startChild(['--max-old-space-size=384', join(root, 'dist', 'main.js')], { CONFIG_PATH: join(dir, 'config.yaml'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  const url = `http://127.0.0.1:${port}`;
  const dispatcher = new Agent({ connections: CONCURRENCY * 2 });
  const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
  const call = async (body, extra = {}, abortAfterMs) => {
    const controller = new AbortController();
    if (abortAfterMs !== undefined) setTimeout(() => controller.abort(), abortAfterMs);
    const res = await request(`${url}/v1/chat/completions`, { method: 'POST', headers: { ...headers, ...extra }, body, dispatcher, signal: controller.signal });
    await res.body.text();
    return res.statusCode;
  };
  const results = {};
  const report = async (phase, statuses) => {
    await sleep(3000); // sinks flush; the heap settles
    const rss = Math.round(rssMb(gateway.pid));
    results[phase] = rss;
    console.log(`${phase.padEnd(8)} RSS ${rss} MB  ${JSON.stringify(statuses)}`);
  };
  try {
    await waitReady(url);
    await report('start', {});
    const mb = (n) => 'x'.repeat(n * 1024 * 1024);
    const big = [mb(2), mb(4), mb(6)];
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const hostile = await run(HOSTILE_CALLS, (i) => {
      const k = i % 6;
      if (k === 0) return call(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: big[i % 3] }], metadata: { note: big[0] } }));
      if (k === 1) return call(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: big[i % 3] }], temperature: 'hot' }));
      if (k === 2) return call(`{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"metadata":{"a":${deep}}}`);
      if (k === 3) return call(JSON.stringify({ model: 'gpt-4o-mini', messages: Array.from({ length: 2000 }, () => ({ role: 'user', content: 'y'.repeat(3000) })) }));
      if (k === 4) return call(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
      return call(gzipSync(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: mb(30) }] })), { 'content-encoding': 'gzip' });
    });
    await report('hostile', hostile);
    for (const round of [1, 2, 3]) {
      const statuses = await run(ROUND_CALLS, (i) => {
        const stream = i % 2 === 0;
        const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `call ${i} ${'z'.repeat(i % 500)}` }], stream, metadata: { trace_id: `t-${round}-${i}` } });
        return call(body, {}, i % 20 === 0 ? 1 : undefined);
      });
      await report(`round ${round}`, statuses);
    }
  } finally {
    gateway.kill('SIGTERM');
    mock.kill('SIGTERM');
    await dispatcher.close().catch(() => undefined);
  }
  const max = Math.max(...Object.values(results));
  const drift = results['round 3'] - results['round 1'];
  const ok = max < RSS_BOUND_MB && drift <= DRIFT_MB;
  console.log(`max RSS ${max} MB (bound ${RSS_BOUND_MB} MB); round 3 - round 1 = ${drift} MB (bound ${DRIFT_MB} MB): ${ok ? 'PASS' : 'FAIL'}`);
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
