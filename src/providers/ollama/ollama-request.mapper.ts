import type { ChatCompletionRequest } from '../../common/openai/openai.types';
import type { Deployment } from '../../deployments/deployment';
import { anyValue, applyParamSupport, differsFrom, nonEmptyObject, UnsupportedWhen } from '../shared/param-support';
import { toOllamaMessages } from './ollama-messages.mapper';
import type { OllamaChatRequest, OllamaOptions } from './ollama.types';

const PROVIDER = 'ollama';

/** OpenAI parameters Ollama cannot honour. It has no tool_choice: `auto` is its behaviour, `none` is met by sending no tools. */
const UNSUPPORTED: Readonly<Record<string, UnsupportedWhen>> = {
  n: differsFrom(1),
  logprobs: differsFrom(false),
  top_logprobs: differsFrom(0),
  logit_bias: nonEmptyObject,
  parallel_tool_calls: differsFrom(true),
  tool_choice: (v) => v !== 'auto' && v !== 'none',
  functions: anyValue,
  function_call: anyValue,
  reasoning_effort: anyValue,
};

/** Ollama model options with no OpenAI name that its docs list; passed into `options` as given. */
const OPTION_PASSTHROUGH = ['top_k', 'min_p', 'num_ctx', 'repeat_penalty', 'repeat_last_n'] as const;

/** An OpenAI chat request to the body of Ollama's `POST /api/chat`. */
export function toOllamaRequest(request: ChatCompletionRequest, deployment: Deployment, stream: boolean): OllamaChatRequest {
  const req = applyParamSupport(request, PROVIDER, UNSUPPORTED, deployment.params.drop_params === true);
  // Ollama streams unless told otherwise, so `stream` is always sent.
  const body: OllamaChatRequest = { model: deployment.upstreamModel, messages: toOllamaMessages(req.messages), stream };

  const options: OllamaOptions = {};
  if (req.temperature != null) options.temperature = req.temperature;
  if (req.top_p != null) options.top_p = req.top_p;
  if (req.seed != null) options.seed = req.seed;
  if (req.stop != null) options.stop = Array.isArray(req.stop) ? req.stop : [req.stop];
  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  if (maxTokens != null) options.num_predict = maxTokens;
  if (req.presence_penalty != null) options.presence_penalty = req.presence_penalty;
  if (req.frequency_penalty != null) options.frequency_penalty = req.frequency_penalty;
  for (const key of OPTION_PASSTHROUGH) if (req[key] !== undefined) options[key] = req[key];
  if (Object.keys(options).length > 0) body.options = options;

  const format = req.response_format;
  if (format?.type === 'json_object') body.format = 'json';
  if (format?.type === 'json_schema') body.format = (format.json_schema?.schema as Record<string, unknown> | undefined) ?? 'json';

  if (req.tools?.length && req.tool_choice !== 'none') {
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: {
        name: t.function.name,
        ...(t.function.description ? { description: t.function.description } : {}),
        ...(t.function.parameters ? { parameters: t.function.parameters } : {}),
      },
    }));
  }
  if (typeof req.keep_alive === 'string' || typeof req.keep_alive === 'number') body.keep_alive = req.keep_alive;
  return body;
}
