import { anyValue, differsFrom, nonEmptyObject, UnsupportedWhen } from '../shared/param-support';

/**
 * The OpenAI chat parameters Converse has no field for, and which values of
 * them ask for something it cannot do (OpenAI's defaults are accepted).
 */
export const BEDROCK_UNSUPPORTED_PARAMS: Readonly<Record<string, UnsupportedWhen>> = {
  n: differsFrom(1),
  logprobs: differsFrom(false),
  top_logprobs: anyValue,
  logit_bias: nonEmptyObject,
  presence_penalty: differsFrom(0),
  frequency_penalty: differsFrom(0),
  seed: anyValue,
  parallel_tool_calls: differsFrom(true),
  response_format: (v) => (v as { type?: string }).type !== 'text',
  functions: anyValue,
  function_call: anyValue,
};
