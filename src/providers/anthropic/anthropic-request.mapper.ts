import type { ChatCompletionRequest, ToolChoice, ToolDefinition } from '../../common/openai/openai.types';
import type { Deployment } from '../../deployments/deployment';
import { anyValue, applyParamSupport, differsFrom, nonEmptyObject, refuseUnlessDropping, UnsupportedWhen } from '../shared/param-support';
import { toAnthropicConversation } from './anthropic-messages.mapper';
import type { AnthropicRequest, AnthropicTool, AnthropicToolChoice } from './anthropic.types';

const PROVIDER = 'anthropic';

/** Anthropic requires `max_tokens`; this is used when neither the call nor the deployment sets one. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/**
 * The tool Anthropic is made to call when JSON output is asked for: its docs'
 * way to get JSON that follows a schema. Its input comes back as the content.
 */
export const JSON_TOOL_NAME = 'json_tool_call';

/** OpenAI parameters Anthropic has no equivalent for, and which values of them matter. */
const UNSUPPORTED: Readonly<Record<string, UnsupportedWhen>> = {
  n: differsFrom(1),
  presence_penalty: differsFrom(0),
  frequency_penalty: differsFrom(0),
  logprobs: differsFrom(false),
  top_logprobs: differsFrom(0),
  logit_bias: nonEmptyObject,
  seed: anyValue,
  functions: anyValue,
  function_call: anyValue,
  reasoning_effort: anyValue,
};

export interface AnthropicCall {
  body: AnthropicRequest;
  /** True when `response_format` was mapped to the forced JSON tool. */
  jsonMode: boolean;
}

/** An OpenAI chat request to the body of `POST /v1/messages`. */
export function toAnthropicRequest(request: ChatCompletionRequest, deployment: Deployment, stream: boolean): AnthropicCall {
  const dropParams = deployment.params.drop_params === true;
  const req = applyParamSupport(request, PROVIDER, UNSUPPORTED, dropParams);
  const { system, messages } = toAnthropicConversation(req.messages);
  const body: AnthropicRequest = {
    model: deployment.upstreamModel,
    messages,
    max_tokens: maxTokens(req, deployment),
    ...(system !== undefined ? { system } : {}),
  };
  if (req.temperature != null) body.temperature = req.temperature;
  if (req.top_p != null) body.top_p = req.top_p;
  // Not an OpenAI parameter, but one Anthropic documents: passed through.
  if (typeof req.top_k === 'number') body.top_k = req.top_k;
  if (req.stop != null) body.stop_sequences = Array.isArray(req.stop) ? req.stop : [req.stop];
  if (req.user) body.metadata = { user_id: req.user };

  if (req.tools?.length) body.tools = req.tools.map(toTool);
  const choice = toToolChoice(req.tool_choice, req.parallel_tool_calls, Boolean(body.tools));
  if (choice) body.tool_choice = choice;

  const jsonMode = applyResponseFormat(req, body, dropParams);
  if (stream) body.stream = true;
  return { body, jsonMode };
}

function maxTokens(req: ChatCompletionRequest, deployment: Deployment): number {
  const fromDeployment = deployment.params.max_tokens;
  return req.max_completion_tokens ?? req.max_tokens ?? (typeof fromDeployment === 'number' ? fromDeployment : ANTHROPIC_DEFAULT_MAX_TOKENS);
}

export function toTool(tool: ToolDefinition): AnthropicTool {
  return {
    name: tool.function.name,
    ...(tool.function.description ? { description: tool.function.description } : {}),
    // Anthropic requires an object schema even for a tool without parameters.
    input_schema: tool.function.parameters ?? { type: 'object', properties: {} },
  };
}

/** auto/none/required/{function} to auto/none/any/tool; `parallel_tool_calls: false` rides along. */
export function toToolChoice(
  choice: ToolChoice | undefined,
  parallel: boolean | undefined,
  hasTools: boolean,
): AnthropicToolChoice | undefined {
  const disable = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (!hasTools) return undefined;
  if (choice === undefined) return parallel === false ? { type: 'auto', ...disable } : undefined;
  if (choice === 'auto') return { type: 'auto', ...disable };
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any', ...disable };
  return { type: 'tool', name: choice.function.name, ...disable };
}

/**
 * `response_format` json_object / json_schema become a forced call of one
 * tool whose input schema is the wanted JSON. It cannot share the call with
 * the caller's own tools, so that combination is refused (or dropped).
 */
function applyResponseFormat(req: ChatCompletionRequest, body: AnthropicRequest, dropParams: boolean): boolean {
  const format = req.response_format;
  if (!format || format.type === 'text') return false;
  if (body.tools?.length) {
    refuseUnlessDropping(PROVIDER, 'response_format', dropParams);
    return false;
  }
  const schema = format.type === 'json_schema' ? (format.json_schema?.schema as Record<string, unknown> | undefined) : undefined;
  body.tools = [
    {
      name: JSON_TOOL_NAME,
      description: 'Respond with a JSON object.',
      input_schema: schema ?? { type: 'object', additionalProperties: true },
    },
  ];
  body.tool_choice = { type: 'tool', name: JSON_TOOL_NAME };
  return true;
}
