import type { IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

export const TOO_LARGE_MESSAGE = 'Request body is larger than the gateway allows (general_settings.max_request_size_mb)';

/** The decoders a `Content-Encoding` header asks for, in the order to apply them (the last encoding first). */
export function decodersFor(header: string | undefined): Array<() => Transform> {
  if (!header) return [];
  const names = header
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '' && s !== 'identity');
  return names.reverse().map((name) => {
    const decoder = DECODERS[name];
    if (!decoder) {
      throw new UnsupportedMediaTypeError(`Unsupported Content-Encoding '${name.slice(0, 40)}': send gzip, deflate, br or identity`, {
        code: 'unsupported_content_encoding',
      });
    }
    return decoder;
  });
}

/**
 * Reads a request body, decoded, refusing it as soon as the decoded bytes
 * pass `limit` (a zip bomb is stopped there, not after inflating it). Data
 * that is not what its `Content-Encoding` says is a 400. On any failure the
 * request is no longer read; the caller closes the connection.
 */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const decoders = decodersFor(req.headers['content-encoding']);
  return new Promise<Buffer>((resolve, reject) => {
    const chain: Readable[] = [req];
    let stream: Readable = req;
    for (const create of decoders) {
      const decoder = create();
      stream.pipe(decoder);
      chain.push(decoder);
      stream = decoder;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe();
      for (const s of chain.slice(1)) s.destroy();
      reject(err);
    };
    for (const decoder of chain.slice(1)) {
      decoder.on('error', () =>
        fail(new InvalidRequestError('The request body is not valid data for its Content-Encoding', { code: 'invalid_content_encoding' })),
      );
    }
    req.on('aborted', () => fail(new InvalidRequestError('The request body ended before its declared length', { code: 'request_aborted' })));
    req.on('error', () => fail(new InvalidRequestError('The request body could not be read', { code: 'request_aborted' })));
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > limit) {
        fail(new PayloadTooLargeError(TOO_LARGE_MESSAGE, { code: 'request_too_large' }));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total));
    });
  });
}
