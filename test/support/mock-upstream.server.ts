import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the mock received: tests assert on it (what reached "the provider"). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  raw: Buffer;
  json?: any;
}

/** A scripted answer. Only one body kind is used, in the order below. */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Wait before answering. */
  delayMs?: number;
  /** Never answer (the gateway must time out). */
  stall?: boolean;
  json?: unknown;
  text?: string;
  /** Server-sent events; objects are JSON-encoded. `[DONE]` is not added. */
  sse?: Array<{ event?: string; data: unknown }>;
  /** Newline-delimited JSON lines. */
  ndjson?: unknown[];
  /** Raw bytes (e.g. an AWS event stream), sent as one or more frames. */
  binary?: Buffer[];
  /** Pause between stream events. */
  eventDelayMs?: number;
  /** Destroy the socket after this many stream events (a broken stream). */
  breakAfter?: number;
  /** Stop sending after this many events and keep the socket open. */
  stallAfter?: number;
}

export type Responder = ScriptedResponse | ((req: RecordedRequest) => ScriptedResponse);

interface Script {
  match: (req: RecordedRequest) => boolean;
  respond: Responder;
  times: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A real HTTP server that speaks like a provider. By default it answers the
 * OpenAI and Azure paths as OpenAI would (echoing the last user message);
 * tests script it to fail, stall, send garbage or break a stream.
 */
export class MockUpstream {
  readonly requests: RecordedRequest[] = [];
  private scripts: Script[] = [];
  private server?: Server;
  private sockets = new Set<Socket>();
  /** Requests whose client went away before the answer ended. */
  aborted = 0;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Script the next `times` requests whose path contains `pathPart` (or match the predicate). */
  on(match: string | ((req: RecordedRequest) => boolean), respond: Responder, times = Infinity): this {
    const fn = typeof match === 'string' ? (r: RecordedRequest) => r.path.includes(match) : match;
    this.scripts.push({ match: fn, respond, times });
    return this;
  }

  reset(): void {
    this.scripts = [];
    this.requests.length = 0;
    this.aborted = 0;
  }

  /** Open sockets to the mock: a leak check after clients disconnect. */
  get openSockets(): number {
    return this.sockets.size;
  }

  last(): RecordedRequest | undefined {
    return this.requests[this.requests.length - 1];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://mock');
    const rec: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, raw };
    try {
      rec.json = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      rec.json = undefined;
    }
    this.requests.push(rec);
    let closed = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        closed = true;
        this.aborted++;
      }
    });
    const script = this.scripts.find((s) => s.times > 0 && s.match(rec));
    let scripted: ScriptedResponse;
    if (script) {
      script.times--;
      scripted = typeof script.respond === 'function' ? script.respond(rec) : script.respond;
    } else {
      scripted = defaultOpenAIResponse(rec);
    }
    await this.write(res, scripted, () => closed);
  }

  private async write(res: ServerResponse, s: ScriptedResponse, isClosed: () => boolean): Promise<void> {
    if (s.delayMs) await sleep(s.delayMs);
    if (s.stall) return; // keep the socket open and say nothing
    const status = s.status ?? 200;
    const events = s.sse ?? s.ndjson ?? s.binary;
    if (!events) {
      const body = s.json !== undefined ? JSON.stringify(s.json) : (s.text ?? '');
      res.writeHead(status, { 'content-type': s.json !== undefined ? 'application/json' : 'text/plain', ...s.headers });
      res.end(body);
      return;
    }
    const type = s.sse ? 'text/event-stream' : s.ndjson ? 'application/x-ndjson' : 'application/vnd.amazon.eventstream';
    res.writeHead(status, { 'content-type': type, ...s.headers });
    let sent = 0;
    for (const e of events) {
      if (isClosed()) return;
      if (s.breakAfter !== undefined && sent >= s.breakAfter) {
        res.socket?.destroy();
        return;
      }
      if (s.stallAfter !== undefined && sent >= s.stallAfter) return;
      if (s.sse) {
        const ev = e as { event?: string; data: unknown };
        const data = typeof ev.data === 'string' ? ev.data : JSON.stringify(ev.data);
        res.write(`${ev.event ? `event: ${ev.event}\n` : ''}data: ${data}\n\n`);
      } else if (s.ndjson) {
        res.write(JSON.stringify(e) + '\n');
      } else {
        res.write(e);
      }
      sent++;
      if (s.eventDelayMs) await sleep(s.eventDelayMs);
    }
    res.end();
  }
}

function lastUserText(body: any): string {
  const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
  const user = [...messages].reverse().find((m) => m.role === 'user');
  if (!user) return '';
  return typeof user.content === 'string' ? user.content : (user.content ?? []).map((p: any) => p.text ?? '').join(' ');
}

/** OpenAI's answers for chat (JSON or SSE), embeddings and moderations. */
export function defaultOpenAIResponse(req: RecordedRequest): ScriptedResponse {
  const body = req.json ?? {};
  const model = body.model ?? req.path.split('/deployments/')[1]?.split('/')[0] ?? 'mock-model';
  if (req.path.endsWith('/chat/completions')) {
    const content = `echo: ${lastUserText(body)}`;
    const usage = { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 };
    if (body.stream) return { sse: openAIStreamEvents(content, model, body.stream_options?.include_usage ? usage : undefined) };
    return {
      json: {
        id: 'chatcmpl-mock',
        object: 'chat.completion',
        created: 1700000000,
        model,
        system_fingerprint: null,
        choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
        usage,
      },
    };
  }
  if (req.path.endsWith('/responses')) {
    const content = `echo: ${lastResponsesInputText(body)}`;
    return body.stream ? { sse: openAIResponsesStreamEvents(content, model) } : { json: openAIResponse(content, model) };
  }
  if (req.path.endsWith('/embeddings')) {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    return {
      json: {
        object: 'list',
        data: inputs.map((_: unknown, index: number) => ({ object: 'embedding', index, embedding: [0.1, 0.2, 0.3, index] })),
        model,
        usage: { prompt_tokens: 4 * inputs.length, total_tokens: 4 * inputs.length },
      },
    };
  }
  if (req.path.endsWith('/moderations')) {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    return {
      json: {
        id: 'modr-mock',
        model: 'text-moderation-007',
        results: inputs.map((i: unknown) => ({
          flagged: String(i).includes('kill'),
          categories: { violence: String(i).includes('kill'), hate: false },
          category_scores: { violence: String(i).includes('kill') ? 0.9 : 0.01, hate: 0.001 },
        })),
      },
    };
  }
  return { status: 404, json: { error: { message: `mock: no route ${req.path}`, type: 'invalid_request_error', param: null, code: null } } };
}

/** The SSE events OpenAI sends for `content`, word by word, and `[DONE]`. */
export function openAIStreamEvents(content: string, model: string, usage?: object): Array<{ data: unknown }> {
  const base = { id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1700000000, model, system_fingerprint: null };
  const events: Array<{ data: unknown }> = [
    { data: { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] } },
  ];
  for (const piece of content.match(/\S+\s*/g) ?? []) {
    events.push({ data: { ...base, choices: [{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }] } });
  }
  events.push({ data: { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] } });
  if (usage) events.push({ data: { ...base, choices: [], usage } });
  events.push({ data: '[DONE]' });
  return events;
}

function lastResponsesInputText(body: any): string {
  if (typeof body?.input === 'string') return body.input;
  const items: any[] = Array.isArray(body?.input) ? body.input : [];
  const user = [...items].reverse().find((i) => i.role === 'user');
  if (!user) return '';
  return typeof user.content === 'string' ? user.content : (user.content ?? []).map((p: any) => p.text ?? '').join(' ');
}

/** OpenAI's `response` object answering with `content`. */
export function openAIResponse(content: string, model: string, status = 'completed'): any {
  return {
    id: 'resp_mock_native',
    object: 'response',
    created_at: 1700000000,
    status,
    error: null,
    incomplete_details: null,
    model,
    output: [{ type: 'message', id: 'msg_mock', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: content, annotations: [] }] }],
    usage: { input_tokens: 7, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 12 },
  };
}

/** The Responses event stream OpenAI sends for `content` (one delta a word). */
export function openAIResponsesStreamEvents(content: string, model: string): Array<{ event: string; data: unknown }> {
  const done = openAIResponse(content, model);
  const started = { ...done, status: 'in_progress', output: [], usage: null };
  const item = { id: 'msg_mock', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
  const part = { type: 'output_text', text: '', annotations: [] };
  const events: Array<{ type: string; [k: string]: unknown }> = [
    { type: 'response.created', response: started },
    { type: 'response.in_progress', response: started },
    { type: 'response.output_item.added', output_index: 0, item },
    { type: 'response.content_part.added', item_id: 'msg_mock', output_index: 0, content_index: 0, part },
    ...(content.match(/\S+\s*/g) ?? []).map((delta) => ({ type: 'response.output_text.delta', item_id: 'msg_mock', output_index: 0, content_index: 0, delta })),
    { type: 'response.output_text.done', item_id: 'msg_mock', output_index: 0, content_index: 0, text: content },
    { type: 'response.content_part.done', item_id: 'msg_mock', output_index: 0, content_index: 0, part: { ...part, text: content } },
    { type: 'response.output_item.done', output_index: 0, item: done.output[0] },
    { type: 'response.completed', response: done },
  ];
  return events.map((e, sequence_number) => ({ event: e.type, data: { ...e, sequence_number } }));
}
