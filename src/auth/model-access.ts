import { PermissionDeniedError } from '../common/errors';
import { allowedModels } from '../keys/key-record.mapper';
import type { Caller } from '../keys/keys.types';

/** The model names this caller may call, or null for all. */
export function modelsAllowedFor(caller: Caller | undefined): ReadonlySet<string> | null {
  return caller?.kind === 'virtual' && caller.key ? allowedModels(caller.key, caller.team) : null;
}

/** 403 `model_not_allowed` unless the key (and its team) allow this model. */
export function assertModelAllowed(caller: Caller | undefined, model: unknown): void {
  if (typeof model !== 'string') return;
  const allowed = modelsAllowedFor(caller);
  if (allowed && !allowed.has(model)) {
    throw new PermissionDeniedError(`This key may not call model '${model}'.`, { param: 'model', code: 'model_not_allowed' });
  }
}

/** Client-side `api_base` / `user_config`: a virtual key also needs `metadata.allow_client_side_credentials: true`. */
export function callerMayUseClientCredentials(caller: Caller | undefined): boolean {
  return caller?.kind !== 'virtual' || caller.key?.metadata.allow_client_side_credentials === true;
}
