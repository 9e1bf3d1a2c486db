import { anyValue, differsFrom, nonEmptyObject, UnsupportedWhen } from '../shared/param-support';

/**
 * The OpenAI chat parameters TGI's Messages API cannot honour (router/src/lib.rs
 * `ChatRequest`: `n` is unused, `logit_bias` is not OpenAI's map, the legacy
 * `functions` have no field). OpenAI's defaults are accepted.
 */
export const SAGEMAKER_UNSUPPORTED_PARAMS: Readonly<Record<string, UnsupportedWhen>> = {
  n: differsFrom(1),
  logit_bias: nonEmptyObject,
  functions: anyValue,
  function_call: anyValue,
};
