'use strict';
/**
 * Virtual keys on the hot path (issue 10's performance ask): one gateway with
 * 10,000 keys in its database and spend tracking on (the deployment is priced),
 * loaded in interleaved rounds through the master key and through one virtual
 * key. The ratio virtual / master by req/s and by CPU per call is the figure;
 * the database transactions per call during the virtual-key rounds show that
 * spend writing adds no per-call round trip (real PostgreSQL only).
 *
 *   npm run build && node bench/keys.js
 *   BENCH_KEYS=2000 BENCH_QUICK=1 node bench/keys.js     # a quick smoke run
 *
 * Database: BENCH_DATABASE_URL (a server database it may create and drop),
 * default postgresql://postgres@127.0.0.1:5432 if it answers, else the
 * embedded database in bench/results/tmp/.
 */
const fs = require('node:fs');
const path = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');
const P = require('./lib/processes');
const W = require('./lib/workloads');

const ROOT = path.resolve(__dirname, '..');
const TMP = path.join(__dirname, 'results', 'tmp');
const MAIN_JS = path.join(ROOT, process.env.BENCH_DIST ?? 'dist', 'main.js');
const QUICK = process.env.BENCH_QUICK === '1';
const KEYS = Number(process.env.BENCH_KEYS ?? 10_000);
const ROUNDS = QUICK ? 2 : 5;
const SECONDS = QUICK ? 2 : 4;
const CONNECTIONS = 32;
const MASTER = 'sk-bench-master-0123456789';
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

const log = (msg) => process.stderr.write(`[keys] ${msg}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function serverDatabase() {
  const dbName = `bench_keys_${process.pid}`;
  const admin = new Client({ connectionString: SERVER, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
  } catch (err) {
    log(`no PostgreSQL server (${err.message}); using the embedded database`);
    await admin.end().catch(() => {});
    return undefined;
  }
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${dbName}`;
  return {
    url: url.toString(),
    name: dbName,
    async commits() {
      const c = new Client({ connectionString: SERVER });
      await c.connect();
      const r = await c.query('SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = $1', [dbName]);
      await c.end();
      return Number(r.rows[0]?.n ?? NaN);
    },
    async drop() {
      const c = new Client({ connectionString: SERVER });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
      await c.end();
    },
  };
}

async function api(port, route, body) {
  const res = await fetch(`http://127.0.0.1:${port}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${route}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

async function seedKeys(port, teamId) {
  const t0 = Date.now();
  let next = 0;
  let first;
  const worker = async () => {
    while (next < KEYS) {
      const i = next++;
      const k = await api(port, '/key/generate', { key_alias: `bench-${i}`, team_id: teamId, models: [W.CHAT_MODEL] });
      if (i === 0) first = k.key;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  log(`${KEYS.toLocaleString('en-US')} keys generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return first;
}

async function saturate(port, key) {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}${W.PATHS.chat}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: W.BODIES.chat,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: SECONDS,
    timeout: 10,
  });
  return { rps: r.requests.average, total: r.requests.total, p99: r.latency.p99, failed: r.errors + r.timeouts + r.non2xx };
}

async function main() {
  if (!fs.existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run npm run build first`);
  fs.mkdirSync(TMP, { recursive: true });
  const mock = P.spawnNode([path.join(__dirname, 'mock-upstream.js')], { core: P.LOAD_CORE, logFile: path.join(TMP, 'keys-mock.log'), name: 'mock' });
  const mockPort = await P.waitForPortLine(mock);
  const db = await serverDatabase();
  const dbPath = path.join(TMP, `keys-db-${process.pid}`);
  const config = W.gatewayConfig('core', { mockPort });
  for (const d of config.model_list) Object.assign(d.model_info, { input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 });
  config.general_settings = { ...config.general_settings, master_key: MASTER, ...(db ? { database_url: db.url } : { database_path: dbPath }) };
  const configFile = path.join(TMP, 'gateway-keys.yaml');
  W.writeConfig(configFile, config);
  const port = await P.freePort();
  const logFile = path.join(TMP, 'gateway-keys.log');
  fs.writeFileSync(logFile, '');
  const gw = P.spawnNode([MAIN_JS], {
    core: P.SUBJECT_CORE,
    stdoutToFile: true,
    env: { CONFIG_PATH: configFile, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    logFile,
    name: 'gateway-keys',
  });
  try {
    await P.waitForHttp(`http://127.0.0.1:${port}/health/readiness`, gw, 90_000);
    const team = await api(port, '/team/new', { team_alias: 'bench-team' });
    const key = await seedKeys(port, team.team_id);
    // Both paths warm: the key is cached after its first call, as in steady state.
    for (const k of [MASTER, key]) await saturate(port, k);
    const runs = { master: [], virtual: [] };
    let commits = 0;
    let virtualCalls = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, k] of round % 2 ? [['virtual', key], ['master', MASTER]] : [['master', MASTER], ['virtual', key]]) {
        const c0 = db ? await db.commits() : NaN;
        const cpu0 = P.cpuSecondsOf(gw.pid);
        const r = await saturate(port, k);
        r.cpuUsPerReq = ((P.cpuSecondsOf(gw.pid) - cpu0) / r.total) * 1e6;
        if (name === 'virtual' && db) {
          commits += (await db.commits()) - c0;
          virtualCalls += r.total;
        }
        runs[name].push(r);
        log(`round ${round + 1} ${name}: ${Math.round(r.rps)} req/s, ${Math.round(r.cpuUsPerReq)} CPU µs/req, p99 ${r.p99} ms${r.failed ? `, FAILED ${r.failed}` : ''}`);
      }
    }
    await P.sleep(2500); // the spend writer's last batch
    const info = await api(port, `/key/info?key=${encodeURIComponent(key)}`);
    const m = { rps: median(runs.master.map((r) => r.rps)), cpu: median(runs.master.map((r) => r.cpuUsPerReq)) };
    const v = { rps: median(runs.virtual.map((r) => r.rps)), cpu: median(runs.virtual.map((r) => r.cpuUsPerReq)) };
    const failed = [...runs.master, ...runs.virtual].reduce((a, r) => a + r.failed, 0);
    const lines = [
      `| ${KEYS.toLocaleString('en-US')} keys in ${db ? 'PostgreSQL 127.0.0.1:5432' : 'the embedded database'} | req/s | CPU µs/req |`,
      '|---|---:|---:|',
      `| master key | ${Math.round(m.rps)} | ${Math.round(m.cpu)} |`,
      `| virtual key, spend tracked | ${Math.round(v.rps)} | ${Math.round(v.cpu)} |`,
      `| ratio (target ≥ 0.9×) | ${(v.rps / m.rps).toFixed(2)}× | ${(m.cpu / v.cpu).toFixed(2)}× |`,
      '',
      `Spend recorded on the key: $${Number(info.info?.spend ?? info.spend ?? NaN).toFixed(4)}; ` +
        (db ? `database transactions per virtual-key call: ${(commits / virtualCalls).toFixed(4)} (${commits} over ${virtualCalls.toLocaleString('en-US')} calls)` : 'transactions per call: not measured on the embedded database') +
        `; failed calls: ${failed}.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'results', 'keys.md'), `${lines.join('\n')}\n`);
  } finally {
    await P.stop(gw);
    await P.stop(mock);
    await db?.drop();
    fs.rmSync(dbPath, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exitCode = 1;
});
