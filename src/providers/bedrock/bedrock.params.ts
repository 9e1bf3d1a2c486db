import type { ChatCompletionRequest } from '../../common/openai/openai.types';
import { InvalidRequestError } from '../../common/errors';

/** An OpenAI parameter the provider cannot honour, and when a value asks for it (defaults are harmless). */
export interface UnsupportedParam {
  param: string;
  isSet: (value: unknown) => boolean;
}

const present = (v: unknown): boolean => v !== undefined && v !== null;
const nonZero = (v: unknown): boolean => present(v) && v !== 0;

/**
 * What Converse has no field for. Values equal to OpenAI's defaults (n: 1,
 * penalties 0, logprobs false, parallel tool calls on) are not refused,
 * since many SDKs send them on every call.
 */
export const BEDROCK_UNSUPPORTED_PARAMS: readonly UnsupportedParam[] = [
  { param: 'n', isSet: (v) => present(v) && v !== 1 },
  { param: 'logprobs', isSet: (v) => present(v) && v !== false },
  { param: 'top_logprobs', isSet: present },
  { param: 'logit_bias', isSet: present },
  { param: 'presence_penalty', isSet: nonZero },
  { param: 'frequency_penalty', isSet: nonZero },
  { param: 'seed', isSet: present },
  { param: 'parallel_tool_calls', isSet: (v) => v === false },
  { param: 'response_format', isSet: (v) => present(v) && (v as { type?: string }).type !== 'text' },
  { param: 'functions', isSet: present },
  { param: 'function_call', isSet: present },
];

/**
 * Drops the parameters the provider cannot take when the deployment says
 * `drop_params: true`; refuses the call (400, naming the parameter) otherwise.
 */
export function applyUnsupportedParams(
  request: ChatCompletionRequest,
  unsupported: readonly UnsupportedParam[],
  provider: string,
  dropParams: boolean | undefined,
): ChatCompletionRequest {
  const out: ChatCompletionRequest = { ...request };
  for (const { param, isSet } of unsupported) {
    if (!isSet(out[param])) continue;
    if (dropParams !== true) {
      throw new InvalidRequestError(
        `${provider} does not support '${param}'. Remove it, or set drop_params: true on the deployment to drop it.`,
        { param, provider },
      );
    }
    delete out[param];
  }
  return out;
}
