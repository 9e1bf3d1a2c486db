import { anyValue, differsFrom, nonEmptyObject, UnsupportedWhen } from '../shared/param-support';

/**
 * The OpenAI chat parameters generateContent has no field for, and which
 * values of them ask for something it cannot do (OpenAI's defaults are accepted).
 * `n`, `seed` and the penalties do map (candidateCount, seed, presence/frequencyPenalty).
 */
export const GEMINI_UNSUPPORTED_PARAMS: Readonly<Record<string, UnsupportedWhen>> = {
  logprobs: differsFrom(false),
  top_logprobs: anyValue,
  logit_bias: nonEmptyObject,
  parallel_tool_calls: differsFrom(true),
  functions: anyValue,
  function_call: anyValue,
};
