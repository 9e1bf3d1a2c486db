import { RequestMethod } from '@nestjs/common';

/**
 * The routes of model calls (chat, embeddings, moderations, Azure style, Responses, Messages).
 * Per-call middleware binds to these: Nest middleware costs a fraction of an
 * interceptor on the hot path (measured with bench/: ~250 µs a call for two).
 */
export const MODEL_CALL_ROUTES: Array<{ path: string; method: RequestMethod }> = [
  'chat/completions',
  'v1/chat/completions',
  'embeddings',
  'v1/embeddings',
  'moderations',
  'v1/moderations',
  'openai/deployments/:deployment/chat/completions',
  'openai/deployments/:deployment/embeddings',
  'responses',
  'v1/responses',
  'completions',
  'v1/completions',
  'openai/deployments/:deployment/completions',
  'v1/messages',
].map((path) => ({ path, method: RequestMethod.POST }));
