'use strict';
/**
 * The gateway's bench (`npm run bench`): mock upstream, bare node:http proxy
 * and the built gateway on loopback, pinned to separate cores, driven with the
 * same bodies and connections in interleaved runs. Prints a Markdown table and
 * writes it to bench/results/latest.md. See bench/README.md.
 *
 * Env knobs: BENCH_SECONDS (per run, default 3), BENCH_ROUNDS (5),
 * BENCH_CONNECTIONS (32), BENCH_RATE (500), BENCH_QUICK=1 (short smoke run).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const P = require('./lib/processes');
const L = require('./lib/load');
const W = require('./lib/workloads');
const M = require('./lib/measure');
const { FOREIGN_LIMIT, noisy, log, median, guarded } = M;

const QUICK = process.env.BENCH_QUICK === '1';
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 1 : 3));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 5));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const WARMUP_SECONDS = QUICK ? 1 : 3;
const FIXED_BLOCKS = QUICK ? 2 : 4; // alternating blocks per target
const FIXED_BLOCK_SECONDS = QUICK ? 1 : 2;
const STREAM_BLOCKS = QUICK ? 2 : 6;
const STREAM_BLOCK_REQUESTS = QUICK ? 50 : 150;
const SETTLE_MS = QUICK ? 500 : 2000;
const RUN = { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, warmupSeconds: WARMUP_SECONDS };
const TOTAL_BUDGET_MS = 15 * 60_000; // hard stop for the whole run, quiet waits included

const SINK_PROBE_CALLS = 20;
const SINK_FLUSH_WAIT_MS = 2500;

const RESULTS = path.join(__dirname, 'results');
/** BENCH_DIST: bench another build of the gateway (a directory holding main.js). */
const MAIN_JS = path.resolve(process.env.BENCH_DIST ?? path.join(P.ROOT, 'dist'), 'main.js');
const TMP = path.join(RESULTS, 'tmp');

const TARGET_LABEL = { direct: 'direct to mock', bare: 'bare node:http proxy', floor: 'Nest + Express floor (nest-floor.js)', gateway: 'gateway' };

const fmt = {
  int: (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a'),
  ms: (x) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : 'n/a'),
  us: (x) => (Number.isFinite(x) ? `${Math.round(x * 1000)}` : 'n/a'),
  ratio: (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a'),
  pct: (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'n/a'),
  mb: (x) => (Number.isFinite(x) ? `${x.toFixed(0)} MB` : 'n/a'),
};

function gitDescribe() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: P.ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: P.ROOT }).toString().trim() ? ' (src has uncommitted changes)' : '';
    return `${sha}${dirty}`;
  } catch {
    return 'unknown';
  }
}

async function startServer(script, name, env) {
  const child = P.spawnNode([path.join(__dirname, script)], {
    core: name === 'mock' ? P.LOAD_CORE : P.SUBJECT_CORE,
    env,
    logFile: path.join(TMP, `${name}.log`),
    name,
  });
  const port = await P.waitForPortLine(child);
  return { child, port };
}

async function startGateway(variant, mockPort, extraNodeArgs = []) {
  const configFile = path.join(TMP, `gateway-${variant}.yaml`);
  const sinkFile = path.join(TMP, `sink-${variant}.jsonl`);
  fs.rmSync(sinkFile, { force: true });
  W.writeConfig(configFile, W.gatewayConfig(variant, { mockPort, sinkFile }));
  const port = await P.freePort();
  const logFile = path.join(TMP, `gateway-${variant}.log`);
  fs.writeFileSync(logFile, '');
  const nodeArgs = [...(process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean), ...extraNodeArgs];
  const child = P.spawnNode([...nodeArgs, MAIN_JS], {
    core: P.SUBJECT_CORE,
    stdoutToFile: true,
    env: { CONFIG_PATH: configFile, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    logFile,
    name: `gateway-${variant}`,
  });
  try {
    await P.waitForHttp(`http://127.0.0.1:${port}/health/liveliness`, child);
    // The warm-up keeps readiness at 503; every phase starts the moment it is 200.
    await P.waitForHttp(`http://127.0.0.1:${port}/health/readiness`, child, 60_000);
  } catch (err) {
    await P.stop(child);
    const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join(' | ');
    throw new Error(`${err.message}: ${tail}`);
  }
  return { child, port, sinkFile, logFile };
}

function target(port, workload) {
  return { host: '127.0.0.1', port, path: W.PATHS[workload] };
}

/** Every target must give the same, correct answer before anything is timed. */
async function smokeCheck(ports) {
  const agent = L.newAgent();
  for (const [name, port] of Object.entries(ports)) {
    for (const workload of ['chat', 'embeddings', 'stream']) {
      const t = await L.timedPost(target(port, workload), W.BODIES[workload], agent);
      if (t.status !== 200) throw new Error(`${name} answered ${workload} with HTTP ${t.status}`);
    }
  }
  agent.destroy();
}

/** The latency phases measure the bare proxy too: what any Node proxy adds on this machine. */
const LATENCY_TARGETS = ['direct', 'bare', 'gateway'];

function rotate(list, by) {
  return list.map((_, i) => list[(i + by) % list.length]);
}

/** Fixed-rate latency, the targets alternating in blocks. */
async function addedLatency(ports, pids) {
  const agent = L.newAgent();
  const samples = { direct: [], bare: [], gateway: [] };
  const busy = { direct: [], bare: [], gateway: [] };
  let failed = 0;
  let foreign = 0;
  const achieved = [];
  // The closed-loop runs before end by dropping 32 connections mid-request: let that settle, then
  // warm each target at the rate (new connections, JIT) before anything is timed.
  await P.sleep(SETTLE_MS);
  for (const name of LATENCY_TARGETS) {
    await L.fixedRate({ target: target(ports[name], 'chat'), body: W.BODIES.chat, rate: RATE, seconds: QUICK ? 1 : 2, agent });
  }
  for (let b = 0; b < FIXED_BLOCKS; b++) {
    for (const name of rotate(LATENCY_TARGETS, b)) {
      const r = await guarded(`fixed-rate ${name}`, () =>
        L.fixedRate({ target: target(ports[name], 'chat'), body: W.BODIES.chat, rate: RATE, seconds: FIXED_BLOCK_SECONDS, agent, collect: true }),
        pids[name],
      );
      samples[name].push(...r.latencies);
      busy[name].push(r.subjectCpuSeconds / r.wall);
      failed += r.failed;
      foreign = Math.max(foreign, r.foreign);
      achieved.push(r.achievedRate);
    }
  }
  agent.destroy();
  const util = (name) => median(busy[name]);
  return {
    direct: L.summarize(samples.direct),
    bare: { ...L.summarize(samples.bare), util: util('bare') },
    gateway: { ...L.summarize(samples.gateway), util: util('gateway') },
    failed,
    foreign,
    achievedRate: Math.min(...achieved),
  };
}

/** The gateway's event-loop delay since the previous scrape (its gauges reset at each scrape), in ms (the table prints µs). */
async function eventLoopDelay(port) {
  const text = (await P.httpGet(`http://127.0.0.1:${port}/metrics`)).body ?? '';
  const read = (re) => {
    const m = re.exec(text);
    return m ? Number(m[1]) * 1e3 : NaN;
  };
  return {
    p50: read(/^gateway_event_loop_delay_seconds\{quantile="0.5"\} (\S+)$/m),
    p99: read(/^gateway_event_loop_delay_seconds\{quantile="0.99"\} (\S+)$/m),
    p999: read(/^gateway_event_loop_delay_seconds\{quantile="0.999"\} (\S+)$/m),
    max: read(/^gateway_event_loop_delay_max_seconds (\S+)$/m),
  };
}

/** A fresh gateway: 500 req/s for 8 s from the moment readiness is 200 (its warm-up done). */
async function coldStart(mockPort) {
  const started = Date.now();
  const gw = await startGateway('core', mockPort);
  const readyMs = Date.now() - started;
  const agent = L.newAgent();
  const r = await L.fixedRate({ target: target(gw.port, 'chat'), body: W.BODIES.chat, rate: RATE, seconds: QUICK ? 2 : 8, agent, collect: true });
  agent.destroy();
  const eventLoop = await eventLoopDelay(gw.port);
  await P.stop(gw.child);
  return { readyMs, failed: r.failed, ...L.summarize(r.latencies), eventLoop };
}

/**
 * Bytes allocated per non-streamed chat call: a separate gateway under
 * --trace-gc serves 500 req/s for 6 s; the young-generation growth between
 * collections (each GC's "before" minus the previous one's "after") summed
 * over the phase, divided by the calls.
 */
async function allocationPerCall(mockPort) {
  const gw = await startGateway('core', mockPort, ['--trace-gc']);
  const agent = L.newAgent();
  await L.fixedRate({ target: target(gw.port, 'chat'), body: W.BODIES.chat, rate: RATE, seconds: 2, agent }); // past the cold start
  const from = fs.statSync(gw.logFile).size;
  const r = await L.fixedRate({ target: target(gw.port, 'chat'), body: W.BODIES.chat, rate: RATE, seconds: QUICK ? 2 : 6, agent });
  agent.destroy();
  await P.sleep(200);
  const text = fs.readFileSync(gw.logFile, 'utf8').slice(from);
  await P.stop(gw.child);
  let allocatedMb = 0;
  let lastAfter;
  for (const m of text.matchAll(/: (?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact)\S*\s+([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/g)) {
    const before = Number(m[1]);
    if (lastAfter !== undefined && before > lastAfter) allocatedMb += before - lastAfter;
    lastAfter = Number(m[2]);
  }
  const calls = r.n + r.failed;
  return { calls, bytesPerCall: (allocatedMb * 1024 * 1024) / calls };
}

/** Sequential streams: time to first byte and to the end, gateway and direct alternating in blocks. */
async function streaming(ports) {
  const agent = L.newAgent();
  const ttfb = { direct: [], bare: [], gateway: [] };
  const total = { direct: [], bare: [], gateway: [] };
  let failed = 0;
  let foreign = 0;
  await P.sleep(SETTLE_MS);
  for (const name of LATENCY_TARGETS) await L.streamTimings({ target: target(ports[name], 'stream'), body: W.BODIES.stream, count: 100, agent });
  for (let b = 0; b < STREAM_BLOCKS; b++) {
    for (const name of rotate(LATENCY_TARGETS, b)) {
      const r = await guarded(`stream ttfb ${name}`, () => L.streamTimings({ target: target(ports[name], 'stream'), body: W.BODIES.stream, count: STREAM_BLOCK_REQUESTS, agent }));
      ttfb[name].push(...r.ttfb);
      total[name].push(...r.total);
      failed += r.failed;
      foreign = Math.max(foreign, r.foreign);
    }
  }
  agent.destroy();
  return {
    direct: { ttfb: L.summarize(ttfb.direct), total: L.summarize(total.direct) },
    bare: { ttfb: L.summarize(ttfb.bare), total: L.summarize(total.bare) },
    gateway: { ttfb: L.summarize(ttfb.gateway), total: L.summarize(total.gateway) },
    failed,
    foreign,
  };
}

function lineCount(file) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text ? text.split('\n').filter(Boolean).length : 0;
  } catch {
    return 0;
  }
}

async function mockStats(mockPort) {
  return JSON.parse((await P.httpGet(`http://127.0.0.1:${mockPort}/stats`)).body);
}

function render(r) {
  const lines = [];
  const push = (...l) => lines.push(...l);
  push(
    `# Gateway bench`,
    '',
    `${r.when} · commit ${r.commit} · Node ${process.version} · ${r.cpu} · ${r.pinning}`,
    `Other processes on this shared machine: ${r.quiet}; during measurements ${r.foreignMean.toFixed(2)} cores on average, at most ${r.foreignMax.toFixed(2)} (${r.repeated} run(s) over ${FOREIGN_LIMIT} repeated; ${Math.round(r.waitedMs / 1000)} s spent waiting for quiet).`,
    `autocannon: ${CONNECTIONS} connections, pipelining 1, median of ${ROUNDS} interleaved ${SECONDS} s runs after a ${WARMUP_SECONDS} s warm-up each.`,
    '',
    '## Throughput (closed loop)',
    '',
    '"vs bare" is the req/s ratio; "CPU µs/req" is the subject process\'s own CPU time per request (from /proc), and "by CPU" the ratio of those — the capacity ratio on a full core, which other work on the machine disturbs much less than req/s.',
    '',
    '| workload | target | req/s | p50 ms | p99 ms | vs bare | subject CPU | CPU µs/req | by CPU | load core busy |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const [workload, res] of Object.entries(r.throughput)) {
    for (const name of ['direct', 'bare', 'floor', 'gateway']) {
      const x = res[name];
      if (!x) continue;
      const subject = name !== 'direct';
      const fail = x.failed ? ` (${x.failed} failed)` : '';
      push(
        `| ${workload} | ${TARGET_LABEL[name]} | ${fmt.int(x.rps)}${fail} | ${fmt.ms(x.p50)} | ${fmt.ms(x.p99)} | ${subject ? fmt.ratio(x.rps / res.bare.rps) : ''} | ` +
          `${subject ? fmt.pct(x.subjectCpu) : ''} | ${subject ? fmt.int(x.cpuUsPerReq) : ''} | ${subject ? fmt.ratio(res.bare.cpuUsPerReq / x.cpuUsPerReq) : ''} | ${fmt.pct(x.loadCoreBusy)} |`,
      );
    }
  }
  const a = r.added;
  push(
    '',
    `## Added latency at a fixed ${RATE} req/s (non-streamed chat, µs)`,
    '',
    `Open loop, ${FIXED_BLOCKS} rotating ${FIXED_BLOCK_SECONDS} s blocks per target; performance.now() from send to the end of the response. Lowest achieved rate ${fmt.int(a.achievedRate)} req/s${a.failed ? `; ${a.failed} failed` : ''}; other processes used ${a.foreign.toFixed(2)} cores meanwhile.`,
    '',
    '*core 0 busy* is the proxy\'s CPU share at this rate: past about 50% a single-threaded server queues, and p99 grows with it.',
    '',
    '| | n | p50 µs | p90 µs | p99 µs | core 0 busy |',
    '|---|---:|---:|---:|---:|---:|',
    `| direct to mock | ${a.direct.n} | ${fmt.us(a.direct.p50)} | ${fmt.us(a.direct.p90)} | ${fmt.us(a.direct.p99)} | |`,
    `| bare node:http proxy | ${a.bare.n} | ${fmt.us(a.bare.p50)} | ${fmt.us(a.bare.p90)} | ${fmt.us(a.bare.p99)} | ${fmt.pct(a.bare.util)} |`,
    `| gateway | ${a.gateway.n} | ${fmt.us(a.gateway.p50)} | ${fmt.us(a.gateway.p90)} | ${fmt.us(a.gateway.p99)} | ${fmt.pct(a.gateway.util)} |`,
    `| added by the bare proxy (for scale) | | ${fmt.us(a.bare.p50 - a.direct.p50)} | ${fmt.us(a.bare.p90 - a.direct.p90)} | ${fmt.us(a.bare.p99 - a.direct.p99)} | |`,
    `| **added by the gateway** | | **${fmt.us(a.gateway.p50 - a.direct.p50)}** | ${fmt.us(a.gateway.p90 - a.direct.p90)} | **${fmt.us(a.gateway.p99 - a.direct.p99)}** | |`,
    '',
    `Tail at ${RATE} req/s: p99.9 direct ${fmt.us(a.direct.p999)} µs, bare ${fmt.us(a.bare.p999)} µs, gateway ${fmt.us(a.gateway.p999)} µs (added by the gateway ${fmt.us(a.gateway.p999 - a.direct.p999)} µs).`,
    r.eventLoop ? `Gateway event-loop delay over the fixed-rate phase (monitorEventLoopDelay, 10 ms resolution, the delay beyond it): p50 ${fmt.us(r.eventLoop.p50)} µs, p99 ${fmt.us(r.eventLoop.p99)} µs, p99.9 ${fmt.us(r.eventLoop.p999)} µs, max ${fmt.us(r.eventLoop.max)} µs.` : '',
    r.allocation ? `Allocation: ${fmt.int(r.allocation.bytesPerCall)} bytes per non-streamed chat call (--trace-gc heap growth between collections over ${r.allocation.calls} calls at ${RATE} req/s).` : '',
    r.coldStart ? `Cold start (fresh gateway, ready after ${fmt.int(r.coldStart.readyMs)} ms incl. warm-up; then ${RATE} req/s for 8 s): n ${r.coldStart.n}, failed ${r.coldStart.failed}, p50 ${fmt.us(r.coldStart.p50)} µs, p99 ${fmt.us(r.coldStart.p99)} µs, p99.9 ${fmt.us(r.coldStart.p999)} µs, max ${fmt.us(r.coldStart.max)} µs; event-loop delay max ${fmt.us(r.coldStart.eventLoop.max)} µs.` : '',
  );
  const s = r.streaming;
  push(
    '',
    '## Streaming (sequential, 20 chunks + [DONE], µs)',
    '',
    `${STREAM_BLOCKS} rotating blocks of ${STREAM_BLOCK_REQUESTS} requests per target; TTFB is send → first body byte. Other processes used ${s.foreign.toFixed(2)} cores meanwhile.`,
    '',
    '| | n | TTFB p50 | TTFB p99 | whole stream p50 | whole stream p99 |',
    '|---|---:|---:|---:|---:|---:|',
    `| direct to mock | ${s.direct.ttfb.n} | ${fmt.us(s.direct.ttfb.p50)} | ${fmt.us(s.direct.ttfb.p99)} | ${fmt.us(s.direct.total.p50)} | ${fmt.us(s.direct.total.p99)} |`,
    `| bare node:http proxy | ${s.bare.ttfb.n} | ${fmt.us(s.bare.ttfb.p50)} | ${fmt.us(s.bare.ttfb.p99)} | ${fmt.us(s.bare.total.p50)} | ${fmt.us(s.bare.total.p99)} |`,
    `| gateway | ${s.gateway.ttfb.n} | ${fmt.us(s.gateway.ttfb.p50)} | ${fmt.us(s.gateway.ttfb.p99)} | ${fmt.us(s.gateway.total.p50)} | ${fmt.us(s.gateway.total.p99)} |`,
    `| added by the bare proxy (for scale) | | ${fmt.us(s.bare.ttfb.p50 - s.direct.ttfb.p50)} | ${fmt.us(s.bare.ttfb.p99 - s.direct.ttfb.p99)} | ${fmt.us(s.bare.total.p50 - s.direct.total.p50)} | ${fmt.us(s.bare.total.p99 - s.direct.total.p99)} |`,
    `| **added by the gateway** | | **${fmt.us(s.gateway.ttfb.p50 - s.direct.ttfb.p50)}** | ${fmt.us(s.gateway.ttfb.p99 - s.direct.ttfb.p99)} | ${fmt.us(s.gateway.total.p50 - s.direct.total.p50)} | ${fmt.us(s.gateway.total.p99 - s.direct.total.p99)} |`,
  );
  push(
    '',
    '## Variants (non-streamed chat, interleaved with the core gateway)',
    '',
    '| gateway config | req/s | p50 ms | p99 ms | vs core | CPU µs/req | by CPU | peak RSS | note |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  const coreCpu = r.variants.find((v) => v.variant === 'core')?.cpuUsPerReq;
  for (const v of r.variants) {
    const isCore = v.variant === 'core';
    push(
      `| ${v.label} | ${fmt.int(v.rps)} | ${fmt.ms(v.p50)} | ${fmt.ms(v.p99)} | ${isCore || v.ratio === undefined ? '' : fmt.ratio(v.ratio)} | ${fmt.int(v.cpuUsPerReq)} | ` +
        `${isCore ? '' : fmt.ratio(coreCpu / v.cpuUsPerReq)} | ${fmt.mb(v.hwmMb)} | ${v.note ?? ''} |`,
    );
  }
  const chat = r.throughput.chat;
  const ratio = chat.gateway.rps / chat.bare.rps;
  const cpuRatio = chat.bare.cpuUsPerReq / chat.gateway.cpuUsPerReq;
  const addedP50 = (a.gateway.p50 - a.direct.p50) * 1000;
  const addedP99 = (a.gateway.p99 - a.direct.p99) * 1000;
  const ttfbAdded = (s.gateway.ttfb.p50 - s.direct.ttfb.p50) * 1000;
  const check = (ok) => (ok ? 'pass' : '**FAIL**');
  push(
    '',
    '## Targets (issue 2)',
    '',
    '| target | measured | |',
    '|---|---:|---|',
    `| non-streamed chat ≥ 0.5× bare proxy (req/s) | ${fmt.ratio(ratio)} | ${check(ratio >= 0.5)} |`,
    `| the same by CPU per request | ${fmt.ratio(cpuRatio)} | ${check(cpuRatio >= 0.5)} |`,
    `| added latency at ${RATE} req/s p50 ≤ 1000 µs | ${Math.round(addedP50)} µs | ${check(addedP50 <= 1000)} |`,
    `| added latency at ${RATE} req/s p99 ≤ 3000 µs | ${Math.round(addedP99)} µs | ${check(addedP99 <= 3000)} |`,
    `| streaming TTFB added ≤ 1000 µs (p50) | ${Math.round(ttfbAdded)} µs | ${check(ttfbAdded <= 1000)} |`,
    `| gateway peak RSS ≤ 200 MB (VmHWM, whole core run) | ${fmt.mb(r.hwmMb)} | ${check(r.hwmMb <= 200)} |`,
  );
  const sinks = r.variants.find((v) => v.variant === 'sinks');
  if (sinks && Number.isFinite(sinks.ratio)) {
    const sinksCpu = coreCpu / sinks.cpuUsPerReq;
    push(`| sinks on ≥ 0.95× sinks off (issue 4), req/s · by CPU | ${sinks.wired ? `${fmt.ratio(sinks.ratio)} · ${fmt.ratio(sinksCpu)}` : 'not wired'} | ${sinks.wired ? check(sinks.ratio >= 0.95) : 'n/a'} |`);
  }
  const routing = r.variants.find((v) => v.variant === 'routing');
  if (routing && Number.isFinite(routing.ratio)) {
    const routingCpu = coreCpu / routing.cpuUsPerReq;
    push(`| routing (3 deployments, latency-based, fallbacks) vs core (issue 3), req/s · by CPU | ${fmt.ratio(routing.ratio)} · ${fmt.ratio(routingCpu)} | ${routingCpu >= 0.97 ? 'no measurable cost (≥ 0.97×)' : 'costs'} |`);
  }
  push('');
  return lines.join('\n');
}

async function main() {
  if (!fs.existsSync(MAIN_JS)) throw new Error('dist/main.js is missing: run `npm run build` (or `npm run bench`, which builds first)');
  fs.mkdirSync(TMP, { recursive: true });
  const result0 = {};
  const pinned = P.pinSelf(P.LOAD_CORE);
  const pinning = pinned
    ? `gateway and bare proxy pinned to core ${P.SUBJECT_CORE}; load generator, mock and collector to core ${P.LOAD_CORE}`
    : `NOT pinned (${P.CORES} core(s), taskset ${P.PINNING ? 'present' : 'missing'})`;
  log(pinning);

  result0.quiet = await M.waitForQuiet();
  const mock = await startServer('mock-upstream.js', 'mock');
  const bare = await startServer('bare-proxy.js', 'bare', { UPSTREAM: `http://127.0.0.1:${mock.port}` });
  const floor = await startServer('nest-floor.js', 'floor', { UPSTREAM: `http://127.0.0.1:${mock.port}` });
  const core = await startGateway('core', mock.port);
  const ports = { direct: mock.port, bare: bare.port, gateway: core.port };
  await smokeCheck(ports);
  log(`mock :${mock.port}, bare proxy :${bare.port}, gateway :${core.port}`);

  const subjectPids = { bare: bare.child.pid, floor: floor.child.pid, gateway: core.child.pid };
  const result = {
    ...result0,
    when: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: gitDescribe(),
    cpu: `${os.cpus()[0]?.model ?? 'cpu'} ×${P.CORES}`,
    pinning,
    throughput: {},
    variants: [],
  };
  // The Nest floor only proxies chat: it runs in the chat rounds, between the bare proxy and the gateway.
  result.throughput.chat = await M.throughput('chat', { direct: ports.direct, bare: ports.bare, floor: floor.port, gateway: ports.gateway }, subjectPids, RUN);
  await P.stop(floor.child);
  for (const workload of ['embeddings', 'stream']) result.throughput[workload] = await M.throughput(workload, ports, subjectPids, RUN);
  log('fixed-rate latency');
  await eventLoopDelay(ports.gateway); // resets the gateway's per-scrape window
  result.added = await addedLatency(ports, subjectPids);
  result.eventLoop = await eventLoopDelay(ports.gateway);
  log('streaming time to first byte');
  result.streaming = await streaming(ports);
  result.hwmMb = P.memoryOf(core.child.pid).hwmMb;
  await P.stop(bare.child);

  // Variants, each against the core gateway in the same interleaved rounds.
  const variants = { core };
  for (const variant of ['sinks', 'routing']) {
    try {
      variants[variant] = await startGateway(variant, mock.port);
      await L.timedPost(target(variants[variant].port, 'chat'), W.BODIES.chat, L.newAgent());
    } catch (err) {
      result.variants.push({ variant, label: variant, note: `did not start: ${err.message.slice(0, 200)}` });
      log(`${variant} gateway did not start: ${err.message}`);
    }
  }
  const before = await mockStats(mock.port);
  const vPorts = Object.fromEntries(Object.entries(variants).map(([k, v]) => [k, v.port]));
  const vPids = Object.fromEntries(Object.entries(variants).map(([k, v]) => [k, v.child.pid]));
  const vres = await M.throughput('chat', vPorts, vPids, RUN);
  await P.sleep(SINK_FLUSH_WAIT_MS); // let sinks flush their last batch
  const after = await mockStats(mock.port);
  result.variants.unshift({ variant: 'core', label: 'core: 1 deployment, simple-shuffle, sinks off', ...vres.core, ratio: undefined, hwmMb: P.memoryOf(core.child.pid).hwmMb });
  if (variants.sinks) {
    // Exactly one event per call in every sink: count what a few sequential calls leave behind.
    const fileBefore = lineCount(variants.sinks.sinkFile);
    const postedBefore = (await mockStats(mock.port)).collected_events;
    const probe = L.newAgent();
    for (let i = 0; i < SINK_PROBE_CALLS; i++) await L.timedPost(target(variants.sinks.port, 'chat'), W.BODIES.chat, probe);
    probe.destroy();
    await P.sleep(SINK_FLUSH_WAIT_MS);
    const fileEvents = lineCount(variants.sinks.sinkFile) - fileBefore;
    const posted = (await mockStats(mock.port)).collected_events - postedBefore;
    const wired = fileEvents > 0 || posted > 0;
    result.variants.splice(1, 0, {
      variant: 'sinks',
      label: 'sinks on: file + webhook (local collector)',
      ...vres.sinks,
      ratio: vres.sinks.rps / vres.core.rps,
      hwmMb: P.memoryOf(variants.sinks.child.pid).hwmMb,
      wired,
      note: wired
        ? `${SINK_PROBE_CALLS} probe calls left ${fileEvents} file and ${posted} webhook events; ${(before.collected_events + after.collected_events) > 0 ? `${(after.collected_events - before.collected_events).toLocaleString('en-US')} webhook events during the load` : ''}`
        : 'NOT WIRED: `logging.sinks` made no difference (no event reached the file or the collector); the ratio compares identical pipelines',
    });
  }
  if (variants.routing) {
    result.variants.push({
      variant: 'routing',
      label: 'routing: 3 deployments, latency-based, retries + fallbacks',
      ...vres.routing,
      ratio: vres.routing.rps / vres.core.rps,
      hwmMb: P.memoryOf(variants.routing.child.pid).hwmMb,
    });
  }
  result.hwmMb = Math.max(result.hwmMb, P.memoryOf(core.child.pid).hwmMb);

  for (const v of Object.values(variants)) await P.stop(v.child);
  log('cold start');
  result.coldStart = await coldStart(mock.port);
  log('allocation per call');
  // The last phase and the newest: a failure here must not lose the table.
  result.allocation = await allocationPerCall(mock.port).catch((err) => log(`allocation phase failed: ${err.message}`));

  await P.stopAll();
  result.foreignMax = noisy.max;
  result.foreignMean = noisy.wall > 0 ? noisy.sum / noisy.wall : 0;
  result.repeated = noisy.count;
  result.waitedMs = noisy.waitedMs;
  const md = render(result);
  fs.writeFileSync(path.join(RESULTS, 'latest.md'), md);
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(result, null, 2));
  process.stdout.write(`${md}\n`);
  log(`written to ${path.relative(P.ROOT, path.join(RESULTS, 'latest.md'))}`);
}

const budget = setTimeout(() => {
  log(`over the ${TOTAL_BUDGET_MS / 60_000} min budget: stopping`);
  P.stopAll().finally(() => process.exit(2));
}, TOTAL_BUDGET_MS);
budget.unref();

for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => P.stopAll().finally(() => process.exit(130)));

main().catch(async (err) => {
  log(`failed: ${err.stack ?? err}`);
  await P.stopAll();
  process.exit(1);
});
