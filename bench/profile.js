'use strict';
/**
 * Where the gateway's time goes: runs it under `node --cpu-prof` (pinned like
 * in run.js) with closed-loop load of one workload, stops it, and prints the
 * profile's self time by function and by package/module, plus inclusive time
 * (any frame of that module on the stack) for the modules that matter.
 *
 *   node bench/profile.js [chat|embeddings|stream] [seconds]
 *   node bench/profile.js --read <file.cpuprofile> [top] [skip seconds]   (only summarize)
 *   node bench/profile.js --callers <file.cpuprofile> <function name> [depth]   (who calls it, inclusive share)
 *   node bench/profile.js --callees <file.cpuprofile> <function name> [top]     (where its time goes)
 */
const fs = require('node:fs');
const path = require('node:path');
const P = require('./lib/processes');
const L = require('./lib/load');
const W = require('./lib/workloads');

const OUT = path.join(__dirname, 'results', 'profiles');

/** A frame's module: an npm package, a gateway source folder, Node's internals, or V8's pseudo-frames. */
function moduleOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0) {
    const rest = url.slice(dist + '/dist/'.length).split('/');
    return `gateway:${rest.length > 1 ? rest.slice(0, Math.min(2, rest.length - 1)).join('/') : rest[0]}`;
  }
  if (url.startsWith('node:')) {
    const parts = url.slice(5).replace(/\.js$/, '').split('/');
    return `node:${parts[0] === 'internal' ? parts.slice(0, Math.min(3, parts.length)).join('/') : parts[0]}`;
  }
  return url;
}

/** `skipUs`: leave out the first part of the profile (start-up and warm-up). */
function summarize(file, top = 30, skipUs = 0) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < skipUs) continue;
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  let total = 0;
  let idle = 0;
  const fnSelf = new Map();
  const modSelf = new Map();
  const modIncl = new Map();
  const fnIncl = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    const cf = n.callFrame;
    total += us;
    if (cf.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const mod = moduleOf(cf.url, cf.functionName);
    const fnKey = `${cf.functionName || '(anonymous)'}  ${mod}${cf.url && !cf.url.includes('node_modules') ? `:${cf.lineNumber + 1}` : ''}`;
    fnSelf.set(fnKey, (fnSelf.get(fnKey) ?? 0) + us);
    modSelf.set(mod, (modSelf.get(mod) ?? 0) + us);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur).callFrame;
      if (!c.url) continue;
      seen.add(moduleOf(c.url, c.functionName));
    }
    for (const m of seen) modIncl.set(m, (modIncl.get(m) ?? 0) + us);
    const seenFn = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur).callFrame;
      if (!c.url || c.url.includes('node_modules') || c.url.startsWith('node:')) continue;
      seenFn.add(`${c.functionName || '(anonymous)'}  ${moduleOf(c.url, c.functionName)}:${c.lineNumber + 1}`);
    }
    for (const f of seenFn) fnIncl.set(f, (fnIncl.get(f) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  const lines = [];
  lines.push(`${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / total).toFixed(0)}%); shares below are of busy time`);
  lines.push('', 'self time by module:');
  for (const [m, us] of sorted(modSelf).slice(0, top)) lines.push(`  ${pct(us)}  ${m}`);
  lines.push('', 'inclusive time by module (any frame of it on the stack):');
  for (const [m, us] of sorted(modIncl).slice(0, top)) lines.push(`  ${pct(us)}  ${m}`);
  lines.push('', "inclusive time of the gateway's own functions:");
  for (const [f, us] of sorted(fnIncl).slice(0, top)) lines.push(`  ${pct(us)}  ${f}`);
  lines.push('', 'self time by function:');
  for (const [f, us] of sorted(fnSelf).slice(0, top)) lines.push(`  ${pct(us)}  ${f}`);
  return lines.join('\n');
}

/** The call paths (innermost `depth` frames) that lead to functions named `name`, by self time. */
function callers(file, name, depth = 6, top = 12) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const paths = new Map();
  let total = 0;
  for (const [id, us] of self) {
    total += us;
    // the sample counts for `name` when `name` is on its stack; the path shown starts at `name`
    let cur = id;
    while (cur !== undefined && byId.get(cur).callFrame.functionName !== name) cur = parent.get(cur);
    if (cur === undefined) continue;
    const frames = [];
    for (let c = cur; c !== undefined && frames.length < depth; c = parent.get(c)) {
      const cf = byId.get(c).callFrame;
      frames.push(`${cf.functionName || '(anonymous)'}@${moduleOf(cf.url, cf.functionName)}${cf.url && !cf.url.includes('node_modules') ? `:${cf.lineNumber + 1}` : ''}`);
    }
    const key = frames.join(' < ');
    paths.set(key, (paths.get(key) ?? 0) + us);
  }
  return [...paths.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `${((100 * us) / total).toFixed(2).padStart(6)}%  ${k}`)
    .join('\n');
}

/** What a function spends its time in: the self time of everything under frames named `name`, by callee function. */
function callees(file, name, top = 20) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const out = new Map();
  let total = 0;
  let under = 0;
  for (const [id, us] of self) {
    total += us;
    let cur = id;
    while (cur !== undefined && byId.get(cur).callFrame.functionName !== name) cur = parent.get(cur);
    if (cur === undefined) continue;
    under += us;
    const cf = byId.get(id).callFrame;
    const key = `${cf.functionName || '(anonymous)'}  ${moduleOf(cf.url, cf.functionName)}`;
    out.set(key, (out.get(key) ?? 0) + us);
  }
  const lines = [`${name}: ${((100 * under) / total).toFixed(1)}% of all samples, of which:`];
  for (const [k, us] of [...out.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${((100 * us) / under).toFixed(1).padStart(5)}%  ${k}`);
  return lines.join('\n');
}

async function main() {
  if (process.argv[2] === '--callees') {
    process.stdout.write(`${callees(process.argv[3], process.argv[4], Number(process.argv[5] ?? 20))}\n`);
    return;
  }
  if (process.argv[2] === '--callers') {
    process.stdout.write(`${callers(process.argv[3], process.argv[4], Number(process.argv[5] ?? 6))}\n`);
    return;
  }
  if (process.argv[2] === '--read') {
    process.stdout.write(`${summarize(process.argv[3], Number(process.argv[4] ?? 30), Number(process.argv[5] ?? 0) * 1e6)}\n`);
    return;
  }
  const workload = process.argv[2] ?? 'chat';
  const seconds = Math.min(60, Number(process.argv[3] ?? 10));
  const dir = path.join(OUT, `${workload}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  P.pinSelf(P.LOAD_CORE);
  const mock = P.spawnNode([path.join(__dirname, 'mock-upstream.js')], { core: P.LOAD_CORE, name: 'mock', logFile: path.join(dir, 'mock.log') });
  const mockPort = await P.waitForPortLine(mock);
  const configFile = path.join(dir, 'gateway.yaml');
  W.writeConfig(configFile, W.gatewayConfig(process.env.BENCH_VARIANT ?? 'core', { mockPort, sinkFile: path.join(dir, 'sink.jsonl') }));
  const port = await P.freePort();
  const spawnedAt = Date.now();
  const gw = P.spawnNode(['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200', path.resolve(process.env.BENCH_DIST ?? path.join(P.ROOT, 'dist'), 'main.js')], {
    core: P.SUBJECT_CORE,
    stdoutToFile: true,
    env: { CONFIG_PATH: configFile, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    logFile: path.join(dir, 'gateway.log'),
    name: 'gateway',
  });
  await P.waitForHttp(`http://127.0.0.1:${port}/health/liveliness`, gw);
  const url = `http://127.0.0.1:${port}${W.PATHS[workload]}`;
  await L.saturate({ url, body: W.BODIES[workload], connections: 32, seconds: 2 }); // warm-up
  const skipUs = (Date.now() - spawnedAt) * 1000; // start-up and warm-up are not what we are looking for
  const r = await L.saturate({ url, body: W.BODIES[workload], connections: 32, seconds });
  process.stderr.write(`[profile] ${workload}: ${Math.round(r.rps)} req/s under the profiler (p50 ${r.p50} ms, ${r.failed} failed)\n`);
  await P.stop(gw, 10_000);
  await P.stopAll();
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  process.stdout.write(`${summarize(path.join(dir, file), 30, skipUs)}\n`);
}

main().catch(async (err) => {
  process.stderr.write(`[profile] failed: ${err.stack ?? err}\n`);
  await P.stopAll();
  process.exit(1);
});
