'use strict';
/**
 * The upstream client alone (sendUpstream + readJson) against the mock, in
 * process: CPU µs and wall µs per call, two builds alternating in blocks.
 *
 *   node bench/micro/upstream.js <dist A> [<dist B>]
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const P = require('../lib/processes');
const W = require('../lib/workloads');

const BLOCKS = 10;
const CALLS = 500;
const CONCURRENCY = 8;

async function block(client, url) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  async function worker() {
    while (next < CALLS) {
      next++;
      const res = await client.sendUpstream({ url, headers: { 'content-type': 'application/json' }, body: W.BODIES.chat, signal: new AbortController().signal, timeoutMs: 10_000, provider: 'bench' });
      await client.readJson(res, 'bench');
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(cpu0);
  return { cpuUs: (cpu.user + cpu.system) / CALLS, wallUs: ((performance.now() - t0) * 1000) / CALLS };
}

async function main() {
  const dists = process.argv.slice(2);
  if (dists.length === 0) throw new Error('usage: node bench/micro/upstream.js <dist A> [<dist B>]');
  P.pinSelf(P.SUBJECT_CORE);
  const mock = P.spawnNode([path.join(__dirname, '..', 'mock-upstream.js')], { core: P.LOAD_CORE, name: 'mock' });
  const port = await P.waitForPortLine(mock);
  const url = `http://127.0.0.1:${port}/v1/chat/completions`;
  const clients = dists.map((d) => require(path.resolve(d, 'providers/shared/upstream-http.client')));
  const results = dists.map(() => []);
  for (const c of clients) await block(c, url); // warm-up
  for (let b = 0; b < BLOCKS; b++) {
    for (let i = 0; i < clients.length; i++) {
      const k = (i + b) % clients.length;
      results[k].push(await block(clients[k], url));
    }
  }
  const median = (v) => v.sort((x, y) => x - y)[v.length >> 1];
  dists.forEach((d, i) => {
    console.log(`${d}: ${median(results[i].map((r) => r.cpuUs)).toFixed(1)} CPU µs/call, ${median(results[i].map((r) => r.wallUs)).toFixed(1)} wall µs/call (median of ${BLOCKS} blocks of ${CALLS})`);
  });
  await P.stopAll();
}

main().catch(async (err) => {
  console.error(err);
  await P.stopAll();
  process.exit(1);
});
