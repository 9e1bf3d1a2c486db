'use strict';
/**
 * A fast OpenAI-compatible upstream for the bench: fixed, realistic bodies so
 * that every request costs the same and the mock is never the bottleneck.
 *
 *   POST /v1/chat/completions  ~1 KB JSON, or 20 SSE chunks + [DONE] when `"stream": true`
 *   POST /v1/embeddings        a fixed 64-dimension embedding
 *   POST /collect              a webhook sink's collector: counts events, answers 200
 *   GET  /stats                {"requests": n, "connections": n, "collected_events": n, "collected_posts": n}
 *
 * Listens on 127.0.0.1:$PORT (0 = any free port) and prints `{"port": n}` on its
 * first stdout line once listening.
 */
const http = require('node:http');

const CREATED = 1735689600;

const CHAT_BODY = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench0000000000000000000000000',
    object: 'chat.completion',
    created: CREATED,
    model: 'gpt-4o-mini-2024-07-18',
    system_fingerprint: 'fp_0ba0d124f1',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content:
            'A reverse proxy sits in front of one or more servers and forwards client requests to them. ' +
            'It can terminate TLS, balance load across replicas, cache responses, enforce authentication and rate limits, ' +
            'and hide the topology of the servers behind it. For an LLM gateway the interesting parts are connection reuse ' +
            'to the upstream provider, streaming responses without buffering them, and keeping per-request work small so that ' +
            'the gateway adds as little latency as possible to each call. Measure before and after every change.',
          refusal: null,
        },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: 57,
      completion_tokens: 98,
      total_tokens: 155,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
  }),
);

const WORDS = 'Streaming lets the client render the answer while the model is still writing it , one small chunk at a time .'.split(' ');
const STREAM_CHUNKS = 20;

function chunk(delta, finish, usage) {
  const c = {
    id: 'chatcmpl-bench0000000000000000000000000',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: 'gpt-4o-mini-2024-07-18',
    system_fingerprint: 'fp_0ba0d124f1',
    choices: usage ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
  if (usage !== undefined) c.usage = usage;
  return `data: ${JSON.stringify(c)}\n\n`;
}

/** The whole stream, pre-rendered: role chunk, content chunks, finish chunk, usage chunk, [DONE]. */
const STREAM_EVENTS = [chunk({ role: 'assistant', content: '', refusal: null }, null)];
for (let i = 0; STREAM_EVENTS.length < STREAM_CHUNKS - 2; i++) STREAM_EVENTS.push(chunk({ content: `${WORDS[i % WORDS.length]} ` }, null));
STREAM_EVENTS.push(chunk({}, 'stop'));
const USAGE_EVENT = chunk(null, null, { prompt_tokens: 57, completion_tokens: 18, total_tokens: 75 });
const STREAM_EVENT_BUFFERS = STREAM_EVENTS.map((e) => Buffer.from(e));
const USAGE_BUFFER = Buffer.from(USAGE_EVENT);
const DONE_BUFFER = Buffer.from('data: [DONE]\n\n');

const EMBEDDING = Array.from({ length: 64 }, (_, i) => Math.round(Math.sin(i + 1) * 1e6) / 1e6);
const EMBEDDINGS_BODY = Buffer.from(
  JSON.stringify({
    object: 'list',
    data: [{ object: 'embedding', index: 0, embedding: EMBEDDING }],
    model: 'text-embedding-3-small',
    usage: { prompt_tokens: 8, total_tokens: 8 },
  }),
);

const JSON_HEADERS = { 'content-type': 'application/json' };
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

const stats = { requests: 0, connections: 0, collected_events: 0, collected_posts: 0 };

function readBody(req, cb) {
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => cb(parts.length === 1 ? parts[0] : Buffer.concat(parts)));
}

/** Writes the stream as separate writes (one TCP segment each, like a real provider), without delays. */
function writeStream(res, includeUsage) {
  res.writeHead(200, SSE_HEADERS);
  for (const b of STREAM_EVENT_BUFFERS) res.write(b);
  if (includeUsage) res.write(USAGE_BUFFER);
  res.end(DONE_BUFFER);
}

const server = http.createServer((req, res) => {
  const url = req.url;
  if (req.method === 'GET' && url === '/stats') {
    res.writeHead(200, JSON_HEADERS);
    res.end(JSON.stringify(stats));
    return;
  }
  readBody(req, (body) => {
    stats.requests++;
    if (url === '/v1/chat/completions' || url === '/chat/completions') {
      // Cheap checks instead of JSON.parse: the mock must stay far faster than what it measures.
      if (body.includes('"stream":true')) {
        writeStream(res, body.includes('"include_usage":true'));
      } else {
        res.writeHead(200, JSON_HEADERS);
        res.end(CHAT_BODY);
      }
    } else if (url === '/v1/embeddings' || url === '/embeddings') {
      res.writeHead(200, JSON_HEADERS);
      res.end(EMBEDDINGS_BODY);
    } else if (url === '/collect') {
      stats.collected_posts++;
      try {
        const parsed = JSON.parse(body.toString('utf8'));
        stats.collected_events += Array.isArray(parsed.events) ? parsed.events.length : Array.isArray(parsed) ? parsed.length : 1;
      } catch {
        stats.collected_events++;
      }
      res.writeHead(200, JSON_HEADERS);
      res.end('{"ok":true}');
    } else {
      res.writeHead(404, JSON_HEADERS);
      res.end('{"error":{"message":"not found","type":"invalid_request_error"}}');
    }
  });
});
server.keepAliveTimeout = 65_000;
server.on('connection', () => stats.connections++);

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
