import { StringDecoder } from 'node:string_decoder';
import { createParser, EventSourceMessage } from 'eventsource-parser';
import type { UpstreamResponse } from './upstream-http.client';
import { BadGatewayError } from '../../common/errors';
import { toNetworkError } from './upstream-http.client';

export interface SseEvent {
  /** The `event:` field, when the server named one (Anthropic does). */
  event?: string;
  data: string;
}

/**
 * Yields the server-sent events of an upstream body as they arrive. A broken
 * connection or an idle time-out surfaces as the gateway's network errors.
 */
export async function* readSse(body: UpstreamResponse['body'], provider: string): AsyncGenerator<SseEvent> {
  const queue: SseEvent[] = [];
  const parser = createParser({
    onEvent: (e: EventSourceMessage) => queue.push({ event: e.event, data: e.data }),
  });
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of body) {
      parser.feed(decoder.write(chunk as Buffer));
      while (queue.length > 0) yield queue.shift()!;
    }
  } catch (err) {
    throw toNetworkError(err, provider, false, 0, 'body');
  }
  parser.feed(decoder.end() + '\n\n');
  while (queue.length > 0) yield queue.shift()!;
}

/** Yields each non-empty line of a newline-delimited JSON body, parsed (Ollama streams). */
export async function* readNdjson<T = unknown>(body: UpstreamResponse['body'], provider: string): AsyncGenerator<T> {
  const decoder = new StringDecoder('utf8');
  let buffered = '';
  try {
    for await (const chunk of body) {
      buffered += decoder.write(chunk as Buffer);
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line) yield parseLine<T>(line, provider);
      }
    }
  } catch (err) {
    throw toNetworkError(err, provider, false, 0, 'body');
  }
  const rest = (buffered + decoder.end()).trim();
  if (rest) yield parseLine<T>(rest, provider);
}

function parseLine<T>(line: string, provider: string): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new BadGatewayError(`${provider} sent a stream line that is not JSON`, { provider });
  }
}
