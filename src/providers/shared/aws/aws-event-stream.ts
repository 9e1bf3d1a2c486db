import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { BadGatewayError } from '../../../common/errors';
import type { UpstreamResponse } from '../upstream-http.client';
import { toNetworkError } from '../upstream-http.client';

/** A decoded AWS event-stream message: its string headers and raw payload. */
export interface AwsEventMessage {
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The prelude's first field: the whole message's length, big-endian. */
const PRELUDE_LENGTH_BYTES = 4;
/** The event-stream spec caps a message at 16 MiB; a larger length means the bytes are not a stream. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const MIN_MESSAGE_BYTES = 16;

/**
 * Yields the messages of an `application/vnd.amazon.eventstream` body. TCP
 * chunks do not respect message boundaries, so bytes are buffered until the
 * length in the prelude is complete; each whole message is then decoded (and
 * its CRCs checked) by the smithy codec.
 */
export async function* readAwsEventStream(
  body: AsyncIterable<Uint8Array> | UpstreamResponse['body'],
  provider: string,
): AsyncGenerator<AwsEventMessage> {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  let buffered: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : Buffer.from(chunk);
      while (buffered.length >= PRELUDE_LENGTH_BYTES) {
        const length = messageLength(buffered, provider);
        if (buffered.length < length) break;
        yield decode(codec, buffered.subarray(0, length), provider);
        buffered = buffered.subarray(length);
      }
    }
  } catch (err) {
    if (err instanceof BadGatewayError) throw err;
    throw toNetworkError(err, provider, false, 0);
  }
  if (buffered.length > 0) {
    throw new BadGatewayError(`${provider} event stream ended in the middle of a message`, { provider });
  }
}

function messageLength(buffered: Buffer, provider: string): number {
  const length = buffered.readUInt32BE(0);
  if (length < MIN_MESSAGE_BYTES || length > MAX_MESSAGE_BYTES) {
    throw new BadGatewayError(`${provider} sent bytes that are not an AWS event stream`, { provider });
  }
  return length;
}

function decode(codec: EventStreamCodec, bytes: Uint8Array, provider: string): AwsEventMessage {
  let message: ReturnType<EventStreamCodec['decode']>;
  try {
    message = codec.decode(bytes);
  } catch (err) {
    throw new BadGatewayError(`${provider} sent a corrupt event-stream message`, { provider, cause: err });
  }
  const headers: Record<string, string> = {};
  for (const [name, h] of Object.entries(message.headers)) headers[name] = String(h.value);
  return { headers, body: message.body };
}

/** A message payload as text. */
export function payloadText(message: AwsEventMessage): string {
  return toUtf8(message.body);
}
