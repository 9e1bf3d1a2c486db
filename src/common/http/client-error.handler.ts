import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Node's parser codes for a request that is not HTTP we can read, and the status each gets. */
function statusOf(code: string | undefined): { status: number; text: string; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, text: 'Request Header Fields Too Large', message: 'The request headers are too large' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, text: 'Request Timeout', message: 'The request was not received in time' };
  return { status: 400, text: 'Bad Request', message: 'The request is not valid HTTP' };
}

/**
 * Requests Node's HTTP parser refuses never reach Express; Node would answer
 * them with an empty 400. This answers them in the OpenAI error format too,
 * then closes the connection.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, text, message } = statusOf(err.code);
    const body = JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: 'invalid_http_request' } });
    socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
