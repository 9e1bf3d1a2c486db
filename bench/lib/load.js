'use strict';
/** Load generators: autocannon (closed loop), a fixed-rate client and a streaming TTFB client, all bounded. */
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const autocannon = require('autocannon');

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Closed-loop throughput: `connections` keep-alive connections, each one request at a time, for `seconds`. */
async function saturate({ url, body, connections, seconds }) {
  const r = await autocannon({
    url,
    method: 'POST',
    headers: JSON_HEADERS,
    body,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
  });
  const failed = r.errors + r.timeouts + r.non2xx;
  return {
    rps: r.requests.average,
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    failed,
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summarize(samples) {
  const s = Float64Array.from(samples).sort();
  return { n: s.length, p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), p999: percentile(s, 99.9), max: s[s.length - 1] };
}

function newAgent() {
  return new http.Agent({ keepAlive: true, maxSockets: 64 });
}

/** One POST; resolves with timings (ms, microsecond resolution) from send to first body byte and to the end. */
function timedPost(target, body, agent) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first = NaN;
    const req = http.request(
      { host: target.host, port: target.port, path: target.path, method: 'POST', agent, headers: { ...JSON_HEADERS, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.on('data', () => {
          if (Number.isNaN(first)) first = performance.now() - t0;
        });
        res.on('end', () => resolve({ status: res.statusCode, firstByteMs: first, totalMs: performance.now() - t0 }));
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Open loop at a fixed rate: request i is sent at start + i/rate (late timers
 * catch up), whatever the earlier ones are doing. Latency is measured from the
 * actual send to the end of the response with performance.now().
 */
async function fixedRate({ target, body, rate, seconds, agent, collect = false }) {
  const n = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies = [];
  let failed = 0;
  const pending = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      timedPost(target, body, agent).then(
        (t) => (t.status === 200 ? latencies.push(t.totalMs) : failed++),
        () => failed++,
      ),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  return { ...summarize(latencies), failed, achievedRate: n / elapsed, latencies: collect ? latencies : undefined };
}

/** Sequential streamed requests: time to the first body byte and to the end of the stream. */
async function streamTimings({ target, body, count, agent }) {
  const ttfb = [];
  const total = [];
  let failed = 0;
  for (let i = 0; i < count; i++) {
    try {
      const t = await timedPost(target, body, agent);
      if (t.status !== 200) failed++;
      else {
        ttfb.push(t.firstByteMs);
        total.push(t.totalMs);
      }
    } catch {
      failed++;
    }
  }
  return { ttfb, total, failed };
}

module.exports = { saturate, fixedRate, streamTimings, summarize, percentile, newAgent, timedPost };
