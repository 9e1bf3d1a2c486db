import { InvalidRequestError } from '../../common/errors';

/**
 * When a parameter's value asks for something a provider cannot do. Unset
 * values never count, so a rule only says which set values are a problem
 * (OpenAI's defaults, such as `n: 1` or `presence_penalty: 0`, change nothing
 * and are accepted: SDKs like LangChain send them on every call).
 */
export type UnsupportedWhen = (value: unknown) => boolean;

/** Any value but OpenAI's default is unsupported. */
export const differsFrom =
  (openAIDefault: unknown): UnsupportedWhen =>
  (value) =>
    value !== openAIDefault;

/** Any value at all is unsupported. */
export const anyValue: UnsupportedWhen = () => true;

/** Unsupported unless an empty object (`logit_bias: {}`). */
export const nonEmptyObject: UnsupportedWhen = (value) => typeof value !== 'object' || Object.keys(value as object).length > 0;

/**
 * Refuses a parameter the provider cannot take with the 400 the contract
 * promises, unless the deployment says to drop such parameters.
 */
export function refuseUnlessDropping(provider: string, param: string, dropParams: boolean): void {
  if (dropParams) return;
  throw new InvalidRequestError(
    `${provider} does not support '${param}'. Remove it, or set drop_params: true on the deployment to drop it.`,
    { param, provider },
  );
}

/**
 * Walks a provider's table of unsupported parameters over a request: each
 * one set to a value the provider cannot honour is dropped (`drop_params`)
 * or refused. Returns the request without the dropped parameters.
 */
export function applyParamSupport<T extends object>(
  request: T,
  provider: string,
  unsupported: Readonly<Record<string, UnsupportedWhen>>,
  dropParams: boolean,
): T {
  let out = request;
  for (const [param, isUnsupported] of Object.entries(unsupported)) {
    const value = (request as Record<string, unknown>)[param];
    if (value === undefined || value === null || !isUnsupported(value)) continue;
    refuseUnlessDropping(provider, param, dropParams);
    if (out === request) out = { ...request };
    delete (out as Record<string, unknown>)[param];
  }
  return out;
}
