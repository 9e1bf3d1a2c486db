'use strict';
/** Starting, pinning, watching and stopping the bench's processes (loopback only). */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function hasTaskset() {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const CORES = (() => {
  try {
    return require('node:os').availableParallelism();
  } catch {
    return require('node:os').cpus().length;
  }
})();
const PINNING = hasTaskset() && CORES >= 2;

/** Core 0 for what is measured (gateway, bare proxy); core 1 for the load generator, the mock and the collector. */
const SUBJECT_CORE = 0;
const LOAD_CORE = 1;

function pinSelf(core) {
  if (!PINNING) return false;
  execFileSync('taskset', ['-a', '-pc', String(core), String(process.pid)], { stdio: 'ignore' });
  return true;
}

/** A free loopback port (closed again at once; good enough for a bench). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const children = new Set();

/**
 * Spawns `node <args>` pinned to `core`, its output appended to `logFile`.
 * `taskset` execs node, so the child's pid is node's (for /proc reads).
 * `stdoutToFile`: stdout goes straight to the log file. The gateway needs
 * this: it writes an access line per call, synchronously, and a pipe read by
 * the busy load generator would fill up and stall it.
 */
function spawnNode(args, { core, env = {}, logFile, name, stdoutToFile = false }) {
  const cmd = PINNING ? 'taskset' : process.execPath;
  const argv = PINNING ? ['-c', String(core), process.execPath, ...args] : args;
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(cmd, argv, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', stdoutToFile ? out : 'pipe', out],
  });
  if (typeof out === 'number') fs.closeSync(out); // the child has its own copy
  child.benchName = name;
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (logFile && child.stdout) child.stdout.on('data', (d) => fs.appendFileSync(logFile, d));
  else if (child.stdout) child.stdout.resume();
  return child;
}

/** Waits for the `{"port": n}` line a bench server prints once listening. */
function waitForPortLine(child, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${child.benchName}: no port after ${timeoutMs} ms`)), timeoutMs);
    const onData = (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.resume();
      try {
        resolve(JSON.parse(buf.slice(0, nl)).port);
      } catch (e) {
        reject(e);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${child.benchName} exited with ${code} before listening`));
    });
  });
}

function httpGet(url, timeoutMs = 1000) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Polls `url` until it answers 200 (bounded). */
async function waitForHttp(url, child, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${child.benchName} exited with ${child.exitCode} during start-up`);
    try {
      if ((await httpGet(url)).status === 200) return;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error(`${child.benchName} did not answer ${url} within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
function stop(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function stopAll() {
  return Promise.all([...children].map((c) => stop(c)));
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Peak resident set (VmHWM) and current (VmRSS) in MB, from /proc. */
function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number((status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm')) ?? [])[1] ?? NaN);
    return { hwmMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return { hwmMb: NaN, rssMb: NaN };
  }
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far. */
function cpuSecondsOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime (fields 14, 15)
  } catch {
    return NaN;
  }
}

/** Busy jiffies and total jiffies per core, from /proc/stat. */
function coreTimes() {
  const out = [];
  try {
    for (const line of fs.readFileSync('/proc/stat', 'utf8').split('\n')) {
      const m = line.match(/^cpu(\d+)\s+(.*)$/);
      if (!m) continue;
      const v = m[2].split(/\s+/).map(Number);
      const idle = v[3] + (v[4] ?? 0);
      const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
      out[Number(m[1])] = { busy: total - idle, total };
    }
  } catch {
    /* not Linux */
  }
  return out;
}

/** Busy share of each core between two `coreTimes()` readings. */
function coreBusy(before, after) {
  return after.map((a, i) => {
    const b = before[i];
    if (!b) return NaN;
    const total = a.total - b.total;
    return total > 0 ? (a.busy - b.busy) / total : NaN;
  });
}

/** CPU seconds used by everything on the machine (all cores, user + system), from /proc/stat. */
function machineBusySeconds() {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const v = line.split(/\s+/).slice(1, 9).map(Number);
    return (v.reduce((a, b) => a + b, 0) - v[3] - v[4]) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** CPU seconds used by this process and every bench child still running. */
function benchCpuSeconds() {
  let s = cpuSecondsOf(process.pid);
  for (const c of children) s += cpuSecondsOf(c.pid) || 0;
  return s;
}

/**
 * Other engineers' builds and tests share this machine: a reading of how busy
 * everything that is not the bench keeps the cores (in cores, 0–2).
 */
function foreignLoad(ms = 1000) {
  const m0 = machineBusySeconds();
  const b0 = benchCpuSeconds();
  return sleep(ms).then(() => (machineBusySeconds() - m0 - (benchCpuSeconds() - b0)) / (ms / 1000));
}

module.exports = {
  machineBusySeconds,
  benchCpuSeconds,
  foreignLoad,
  ROOT,
  PINNING,
  CORES,
  SUBJECT_CORE,
  LOAD_CORE,
  pinSelf,
  freePort,
  spawnNode,
  waitForPortLine,
  waitForHttp,
  httpGet,
  stop,
  stopAll,
  sleep,
  memoryOf,
  cpuSecondsOf,
  coreTimes,
  coreBusy,
};
