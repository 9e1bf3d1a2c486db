import type { ChatCompletionRequest, ToolChoice, ToolDefinition } from '../../common/openai/openai.types';
import { InvalidRequestError } from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import { applyParamSupport } from '../shared/param-support';
import { toTgiMessages } from './sagemaker.messages.mapper';
import { SAGEMAKER_UNSUPPORTED_PARAMS } from './sagemaker.params';
import type { TgiChatRequest, TgiGrammar } from './sagemaker.types';

const PROVIDER = 'sagemaker';

const isSet = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;

/**
 * An OpenAI chat request to the body TGI's Messages API takes on
 * `/invocations` (a body with `messages` is routed to chat by TGI's SageMaker
 * route). Only fields TGI reads are written; a stream always asks for usage.
 */
export function toTgiChatRequest(request: ChatCompletionRequest, deployment: Pick<Deployment, 'params'>, stream: boolean): TgiChatRequest {
  const req = applyParamSupport(request, PROVIDER, SAGEMAKER_UNSUPPORTED_PARAMS, deployment.params.drop_params === true);
  const body: TgiChatRequest = { model: 'tgi', messages: toTgiMessages(req.messages ?? []), stream };

  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  if (isSet(maxTokens)) body.max_tokens = maxTokens;
  if (isSet(req.temperature)) body.temperature = req.temperature;
  if (isSet(req.top_p)) body.top_p = req.top_p;
  if (isSet(req.stop)) body.stop = Array.isArray(req.stop) ? req.stop : [req.stop];
  if (isSet(req.seed)) body.seed = req.seed;
  if (isSet(req.frequency_penalty)) body.frequency_penalty = req.frequency_penalty;
  if (isSet(req.presence_penalty)) body.presence_penalty = req.presence_penalty;
  if (typeof req.logprobs === 'boolean') body.logprobs = req.logprobs;
  if (typeof req.top_logprobs === 'number') body.top_logprobs = req.top_logprobs;

  if (req.tools && req.tools.length > 0) {
    body.tools = req.tools.map(toTgiTool);
    if (isSet(req.tool_choice)) body.tool_choice = toTgiToolChoice(req.tool_choice);
  }
  const grammar = toTgiGrammar(req.response_format);
  if (grammar) body.response_format = grammar;
  if (stream) body.stream_options = { include_usage: true };
  return body;
}

/** TGI requires a schema for every function (`parameters`, read as its `arguments`). */
function toTgiTool(tool: ToolDefinition): NonNullable<TgiChatRequest['tools']>[number] {
  const fn = tool.function;
  return {
    type: 'function',
    function: {
      name: fn.name,
      ...(fn.description ? { description: fn.description } : {}),
      parameters: fn.parameters ?? { type: 'object', properties: {} },
    },
  };
}

function toTgiToolChoice(choice: ToolChoice): NonNullable<TgiChatRequest['tool_choice']> {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  if (typeof choice === 'object' && choice.type === 'function' && typeof choice.function?.name === 'string') {
    return { type: 'function', function: { name: choice.function.name } };
  }
  throw new InvalidRequestError(`${PROVIDER} does not support tool_choice ${JSON.stringify(choice)}`, { param: 'tool_choice', provider: PROVIDER });
}

/** OpenAI's JSON modes as TGI's JSON grammar: `json_object` is any object, `json_schema` its schema. */
function toTgiGrammar(format: ChatCompletionRequest['response_format']): TgiGrammar | undefined {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json', value: { type: 'object' } };
  if (format.type === 'json_schema') {
    const schema = format.json_schema?.schema;
    if (schema && typeof schema === 'object') return { type: 'json', value: schema as Record<string, unknown> };
    throw new InvalidRequestError('response_format.json_schema.schema is required', { param: 'response_format', provider: PROVIDER });
  }
  throw new InvalidRequestError(`${PROVIDER} does not support response_format ${JSON.stringify(format)}`, { param: 'response_format', provider: PROVIDER });
}
