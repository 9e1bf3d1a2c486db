import type { ChatCompletionRequest, ToolChoice, ToolDefinition } from '../../common/openai/openai.types';
import type { Deployment } from '../../deployments/deployment';
import { anyValue, applyParamSupport, differsFrom, nonEmptyObject, UnsupportedWhen } from '../shared/param-support';
import { toCohereMessages } from './cohere-messages.mapper';
import type { CohereChatRequest, CohereTool } from './cohere.types';

const PROVIDER = 'cohere';

/** OpenAI parameters Cohere's chat cannot honour (logprobs exist there, in a shape we do not map). */
const UNSUPPORTED: Readonly<Record<string, UnsupportedWhen>> = {
  n: differsFrom(1),
  logprobs: differsFrom(false),
  top_logprobs: differsFrom(0),
  logit_bias: nonEmptyObject,
  parallel_tool_calls: differsFrom(true),
  functions: anyValue,
  function_call: anyValue,
  reasoning_effort: anyValue,
};

/** Cohere parameters with no OpenAI name that Cohere documents; passed through as given. */
const COHERE_PASSTHROUGH = ['k', 'safety_mode', 'documents', 'citation_options', 'strict_tools'] as const;

/** An OpenAI chat request to the body of Cohere's `POST /v2/chat`. */
export function toCohereRequest(request: ChatCompletionRequest, deployment: Deployment, stream: boolean): CohereChatRequest {
  const req = applyParamSupport(request, PROVIDER, UNSUPPORTED, deployment.params.drop_params === true);
  const body: CohereChatRequest = { model: deployment.upstreamModel, messages: toCohereMessages(req.messages) };
  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  if (maxTokens != null) body.max_tokens = maxTokens;
  if (req.stop != null) body.stop_sequences = Array.isArray(req.stop) ? req.stop : [req.stop];
  if (req.temperature != null) body.temperature = req.temperature;
  if (req.top_p != null) body.p = req.top_p;
  if (req.seed != null) body.seed = req.seed;
  if (req.frequency_penalty != null) body.frequency_penalty = req.frequency_penalty;
  if (req.presence_penalty != null) body.presence_penalty = req.presence_penalty;
  for (const key of COHERE_PASSTHROUGH) if (req[key] !== undefined) (body as Record<string, unknown>)[key] = req[key];

  Object.assign(body, toolFields(req.tools, req.tool_choice));
  const format = req.response_format;
  if (format?.type === 'json_object') body.response_format = { type: 'json_object' };
  if (format?.type === 'json_schema') {
    const schema = format.json_schema?.schema as Record<string, unknown> | undefined;
    body.response_format = { type: 'json_object', ...(schema ? { json_schema: schema } : {}) };
  }
  if (stream) body.stream = true;
  return body;
}

/**
 * Cohere knows REQUIRED and NONE; `auto` is its default. A named function is
 * honoured by offering only that tool and requiring a call.
 */
export function toolFields(tools: ToolDefinition[] | undefined, choice: ToolChoice | undefined): Pick<CohereChatRequest, 'tools' | 'tool_choice'> {
  if (!tools?.length) return {};
  if (choice === 'none') return { tools: tools.map(toTool), tool_choice: 'NONE' };
  if (choice === 'required') return { tools: tools.map(toTool), tool_choice: 'REQUIRED' };
  if (typeof choice === 'object') {
    return { tools: tools.filter((t) => t.function.name === choice.function.name).map(toTool), tool_choice: 'REQUIRED' };
  }
  return { tools: tools.map(toTool) };
}

function toTool(tool: ToolDefinition): CohereTool {
  const { name, description, parameters } = tool.function;
  return { type: 'function', function: { name, ...(description ? { description } : {}), ...(parameters ? { parameters } : {}) } };
}
