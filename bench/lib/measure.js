'use strict';
/** Measuring on a machine other engineers share: quiet-gated, interleaved, CPU-accounted runs. */
const P = require('./processes');
const L = require('./load');
const W = require('./workloads');

// Other engineers' builds and tests share this machine. A run during which they used more
// than FOREIGN_LIMIT cores is repeated once; before each run the bench waits for them to
// drop under QUIET_LOAD, from a budget of QUIET_WAIT_SECONDS for the whole bench.
const FOREIGN_LIMIT = 0.25;
const QUIET_LOAD = 0.15;
const QUIET_WAIT_SECONDS = Number(process.env.BENCH_QUIET_WAIT ?? 180);
const noisy = { max: 0, count: 0, sum: 0, wall: 0, waitedMs: 0, waiting: false };

function log(msg) {
  process.stderr.write(`[bench] ${msg}\n`);
}

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/**
 * Runs one measurement when the machine is quiet enough (bounded wait) and
 * notes how many cores other processes used meanwhile (`foreign`) and the CPU
 * seconds of `pid` (the subject). A disturbed run is repeated once.
 */
async function guarded(label, fn, pid) {
  let r;
  for (let attempt = 0; attempt < 2; attempt++) {
    await whenQuiet(label);
    const cpu0 = pid ? P.cpuSecondsOf(pid) : NaN;
    const cores0 = P.coreTimes();
    const m0 = P.machineBusySeconds();
    const b0 = P.benchCpuSeconds();
    const t0 = Date.now();
    r = await fn();
    r.wall = (Date.now() - t0) / 1000;
    r.subjectCpuSeconds = pid ? P.cpuSecondsOf(pid) - cpu0 : NaN;
    r.loadCoreBusy = P.coreBusy(cores0, P.coreTimes())[P.LOAD_CORE];
    r.foreign = (P.machineBusySeconds() - m0 - (P.benchCpuSeconds() - b0)) / r.wall;
    if (!(r.foreign > FOREIGN_LIMIT)) break;
    noisy.count++;
    log(`${label}: other processes used ${r.foreign.toFixed(2)} cores during the run${attempt === 0 ? '; repeating it' : ''}`);
  }
  noisy.max = Math.max(noisy.max, r.foreign || 0);
  noisy.sum += (r.foreign || 0) * r.wall;
  noisy.wall += r.wall;
  return r;
}

/** Waits for other processes to leave the cores mostly idle, from a bounded budget for the whole run. */
async function whenQuiet(label) {
  let load = await P.foreignLoad(300);
  while (load > QUIET_LOAD && noisy.waitedMs < QUIET_WAIT_SECONDS * 1000) {
    if (!noisy.waiting) log(`${label}: other processes are using ${load.toFixed(2)} cores; waiting for a quieter moment`);
    noisy.waiting = true;
    const t0 = Date.now();
    await P.sleep(700);
    load = await P.foreignLoad(300);
    noisy.waitedMs += Date.now() - t0;
  }
  noisy.waiting = false;
}

/** Waits (bounded) until other processes leave the cores mostly idle; says how quiet it got. */
async function waitForQuiet() {
  const until = Date.now() + QUIET_WAIT_SECONDS * 1000;
  let load = await P.foreignLoad(1000);
  while (load > 0.15 && Date.now() < until) {
    log(`other processes are using ${load.toFixed(2)} cores; waiting for a quieter machine (at most ${QUIET_WAIT_SECONDS} s)`);
    await P.sleep(2000);
    load = await P.foreignLoad(1000);
  }
  return `${load.toFixed(2)} cores busy at the start`;
}

/** Closed-loop runs: a warm-up of each target, then rounds with the order rotated each round. */
async function throughput(workload, ports, subjectPids, { connections, seconds, rounds, warmupSeconds }) {
  const names = Object.keys(ports);
  const calls = Object.fromEntries(names.map((n) => [n, 0]));
  const url = (name) => `http://127.0.0.1:${ports[name]}${W.PATHS[workload]}`;
  for (const name of names) {
    const w = await L.saturate({ url: url(name), body: W.BODIES[workload], connections, seconds: warmupSeconds });
    calls[name] += w.total;
  }
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const r = await guarded(`${workload} ${name}`, () => L.saturate({ url: url(name), body: W.BODIES[workload], connections, seconds }), subjectPids[name]);
      r.subjectCpu = r.subjectCpuSeconds / r.wall;
      r.cpuUsPerReq = (r.subjectCpuSeconds / r.total) * 1e6;
      runs[name].push(r);
      calls[name] += r.total;
      log(
        `${workload} ${name} round ${round + 1}: ${Math.round(r.rps)} req/s p50 ${r.p50} ms p99 ${r.p99} ms` +
          `${Number.isFinite(r.cpuUsPerReq) ? `, ${Math.round(r.cpuUsPerReq)} CPU µs/req` : ''}, others ${r.foreign.toFixed(2)} cores${r.failed ? `, FAILED ${r.failed}` : ''}`,
      );
    }
  }
  const out = {};
  for (const name of names) {
    const rs = runs[name];
    out[name] = {
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      failed: rs.reduce((a, r) => a + r.failed, 0),
      subjectCpu: median(rs.map((r) => r.subjectCpu)),
      cpuUsPerReq: median(rs.map((r) => r.cpuUsPerReq)),
      loadCoreBusy: median(rs.map((r) => r.loadCoreBusy)),
      foreign: Math.max(...rs.map((r) => r.foreign)),
      all: rs.map((r) => Math.round(r.rps)),
      calls: calls[name],
    };
  }
  return out;
}


module.exports = { FOREIGN_LIMIT, QUIET_WAIT_SECONDS, noisy, log, median, guarded, whenQuiet, waitForQuiet, throughput };
