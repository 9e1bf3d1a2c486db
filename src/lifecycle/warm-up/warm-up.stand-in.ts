import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-warmup',
  object: 'chat.completion',
  created: 0,
  model: 'warmup',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
});
const CHUNK = (delta: object, finish: string | null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-warmup', object: 'chat.completion.chunk', created: 0, model: 'warmup', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const STREAM = CHUNK({ role: 'assistant', content: 'o' }, null) + CHUNK({ content: 'k' }, null) + CHUNK({}, 'stop') + 'data: [DONE]\n\n';
const EMBEDDING = JSON.stringify({
  object: 'list',
  model: 'warmup',
  data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2, 0.3, 0.4] }],
  usage: { prompt_tokens: 2, total_tokens: 2 },
});

/**
 * The loopback OpenAI-compatible deployment the warm-up calls: fixed answers
 * for chat (plain and SSE) and embeddings, never any provider traffic.
 */
export class WarmUpStandIn {
  private readonly server: Server = createServer((req, res) => this.answer(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.url?.endsWith('/embeddings')) return send(res, 'application/json', EMBEDDING);
      if (body.includes('"stream":true')) return send(res, 'text/event-stream', STREAM);
      send(res, 'application/json', COMPLETION);
    });
  }
}

function send(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
