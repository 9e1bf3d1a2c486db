import type { ResponseInputItem, ResponseObject } from '../responses.types';

/** One kept response: what GET answers and what `previous_response_id` continues. */
export interface StoredResponse {
  id: string;
  /** sha256 of the key that made it: only that key may read, continue or delete it. */
  ownerKeyHash: string;
  response: ResponseObject;
  /** This call's own input items (GET …/input_items). */
  inputItems: ResponseInputItem[];
  /**
   * The whole conversation up to and including this response, as input
   * items: the history a bridged provider is sent when a later call names
   * this response in `previous_response_id`.
   */
  history: ResponseInputItem[];
  /** For a provider's own (native) response id: the deployment that made it, which alone knows the id. */
  deploymentId?: string;
  /** ms since the epoch. */
  storedAt: number;
}

/**
 * Where responses are kept. `save` resolves once a `get` from any request
 * sees the response (the next call may arrive the same millisecond).
 */
export interface ResponsesStore {
  save(entry: StoredResponse): Promise<void>;
  /** The response, if it exists, has not expired, and belongs to this key. */
  get(id: string, ownerKeyHash: string): Promise<StoredResponse | undefined>;
  /** True when the key's response existed and is gone now. */
  delete(id: string, ownerKeyHash: string): Promise<boolean>;
}
