/**
 * A batch a sink could not deliver. The message names the sink and the host
 * only, never the URL's query or any header, so it is safe to log.
 */
export class SinkDeliveryError extends Error {
  constructor(
    message: string,
    /** HTTP status from the collector, when it answered. */
    readonly status?: number,
    /** Whether another attempt may succeed (network failure, 408, 429, 5xx). */
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'SinkDeliveryError';
  }
}
