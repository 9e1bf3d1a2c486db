import { GatewayError, InvalidRequestError, ServiceUnavailableError } from '../common/errors';

/** PostgreSQL's error code for a unique constraint hit. */
const UNIQUE_VIOLATION = '23505';

/**
 * What a failed query means to the caller: a duplicate is a 400 naming the
 * field; anything else from the store (down, timed out) is a 503, never a 500.
 */
export function storeError(err: unknown, uniqueParam?: string): GatewayError {
  if (err instanceof GatewayError) return err;
  const code = (err as { code?: unknown })?.code;
  if (code === UNIQUE_VIOLATION && uniqueParam) {
    return new InvalidRequestError(`Invalid value for '${uniqueParam}': already in use`, { param: uniqueParam, code: 'already_exists' });
  }
  return new ServiceUnavailableError('The key store is unreachable right now. Retry shortly.', { code: 'key_store_unavailable' });
}

/** Runs a store operation, mapping its failure with `storeError`. */
export async function inStore<T>(fn: () => Promise<T>, uniqueParam?: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw storeError(err, uniqueParam);
  }
}
