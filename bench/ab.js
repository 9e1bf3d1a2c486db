'use strict';
/**
 * A/B of two builds of the gateway against the same mock, interleaved and
 * pinned like run.js: req/s, p50/p99 and the gateway's CPU µs per request.
 * For before/after numbers of one change:
 *
 *   node bench/ab.js --a <dist dir> --b <dist dir> [--workload chat|embeddings|stream]
 *                    [--variant core|sinks|routing] [--rounds 5] [--seconds 4] [--rate 500]
 *
 * (Build a copy of src/ with `npx tsc -p <copy>/tsconfig.build.json`; see README.)
 * With --rate, also runs the fixed-rate latency client against both (µs); with
 * --ttfb N, N sequential streams each, alternating in blocks (time to first byte, µs).
 * --rounds 0 skips the closed-loop runs.
 */
const fs = require('node:fs');
const path = require('node:path');
const P = require('./lib/processes');
const L = require('./lib/load');
const W = require('./lib/workloads');
const M = require('./lib/measure');

function args() {
  const out = { workload: 'chat', variant: 'core', rounds: 5, seconds: 4, connections: 32, rate: 0, ttfb: 0 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['rounds', 'seconds', 'connections', 'rate', 'ttfb']) out[k] = Number(out[k]);
  if (!out.a || !out.b) throw new Error('usage: node bench/ab.js --a <dist dir> --b <dist dir> [--workload chat] [--variant core]');
  return out;
}

async function startGateway(label, dist, mockPort, variant, dir) {
  const configFile = path.join(dir, `gateway-${label}.yaml`);
  W.writeConfig(configFile, W.gatewayConfig(variant, { mockPort, sinkFile: path.join(dir, `sink-${label}.jsonl`) }));
  const port = await P.freePort();
  const child = P.spawnNode([path.resolve(dist, 'main.js')], {
    core: P.SUBJECT_CORE,
    stdoutToFile: true,
    env: { CONFIG_PATH: configFile, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    logFile: path.join(dir, `gateway-${label}.log`),
    name: `gateway-${label}`,
  });
  await P.waitForHttp(`http://127.0.0.1:${port}/health/liveliness`, child);
  return { child, port };
}

async function main() {
  const o = args();
  const dir = path.join(__dirname, 'results', 'tmp');
  fs.mkdirSync(dir, { recursive: true });
  P.pinSelf(P.LOAD_CORE);
  const mock = P.spawnNode([path.join(__dirname, 'mock-upstream.js')], { core: P.LOAD_CORE, name: 'mock', logFile: path.join(dir, 'mock-ab.log') });
  const mockPort = await P.waitForPortLine(mock);
  const a = await startGateway('A', o.a, mockPort, o.variant, dir);
  const b = await startGateway('B', o.b, mockPort, o.variant, dir);
  const lines = [`A = ${o.a}, B = ${o.b} (${o.variant} config)`];
  if (o.rounds > 0) {
    const res = await M.throughput(o.workload, { A: a.port, B: b.port }, { A: a.child.pid, B: b.child.pid }, { connections: o.connections, seconds: o.seconds, rounds: o.rounds, warmupSeconds: 2 });
    lines.push(`${o.workload}, ${o.rounds} interleaved ${o.seconds} s rounds, ${o.connections} connections:`);
    for (const k of ['A', 'B']) {
      const x = res[k];
      lines.push(`  ${k}: ${Math.round(x.rps)} req/s (runs ${x.all.join(', ')}), p50 ${x.p50} ms, p99 ${x.p99} ms, ${Math.round(x.cpuUsPerReq)} CPU µs/req, others ≤ ${x.foreign.toFixed(2)} cores`);
    }
    lines.push(`  B/A: req/s ${(res.B.rps / res.A.rps).toFixed(3)}×, by CPU ${(res.A.cpuUsPerReq / res.B.cpuUsPerReq).toFixed(3)}×`);
  }
  if (o.ttfb > 0) {
    const agent = L.newAgent();
    const ttfb = { A: [], B: [] };
    const blocks = 6;
    for (const k of ['A', 'B']) await L.streamTimings({ target: { host: '127.0.0.1', port: k === 'A' ? a.port : b.port, path: W.PATHS.stream }, body: W.BODIES.stream, count: 30, agent });
    for (let i = 0; i < blocks; i++) {
      for (const k of i % 2 ? ['B', 'A'] : ['A', 'B']) {
        const r = await M.guarded(`ttfb ${k}`, () =>
          L.streamTimings({ target: { host: '127.0.0.1', port: k === 'A' ? a.port : b.port, path: W.PATHS.stream }, body: W.BODIES.stream, count: Math.ceil(o.ttfb / blocks), agent }),
        );
        ttfb[k].push(...r.ttfb);
      }
    }
    agent.destroy();
    for (const k of ['A', 'B']) {
      const s = L.summarize(ttfb[k]);
      lines.push(`  ${k} stream TTFB: p50 ${Math.round(s.p50 * 1000)} µs, p90 ${Math.round(s.p90 * 1000)} µs, p99 ${Math.round(s.p99 * 1000)} µs (n ${s.n})`);
    }
  }
  if (o.rate > 0) {
    const agent = L.newAgent();
    const samples = { A: [], B: [] };
    for (let i = 0; i < 6; i++) {
      for (const k of i % 2 ? ['B', 'A'] : ['A', 'B']) {
        const r = await M.guarded(`fixed-rate ${k}`, () =>
          L.fixedRate({ target: { host: '127.0.0.1', port: k === 'A' ? a.port : b.port, path: W.PATHS.chat }, body: W.BODIES.chat, rate: o.rate, seconds: 2, agent, collect: true }),
        );
        samples[k].push(...r.latencies);
      }
    }
    agent.destroy();
    for (const k of ['A', 'B']) {
      const s = L.summarize(samples[k]);
      lines.push(`  ${k} at ${o.rate} req/s: p50 ${Math.round(s.p50 * 1000)} µs, p90 ${Math.round(s.p90 * 1000)} µs, p99 ${Math.round(s.p99 * 1000)} µs`);
    }
  }
  lines.push(`  peak RSS: A ${P.memoryOf(a.child.pid).hwmMb.toFixed(0)} MB, B ${P.memoryOf(b.child.pid).hwmMb.toFixed(0)} MB`);
  await P.stopAll();
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch(async (err) => {
  process.stderr.write(`[ab] failed: ${err.stack ?? err}\n`);
  await P.stopAll();
  process.exit(1);
});
