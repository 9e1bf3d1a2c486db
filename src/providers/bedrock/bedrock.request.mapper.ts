import type { ChatCompletionRequest, ToolChoice, ToolDefinition } from '../../common/openai/openai.types';
import { InvalidRequestError } from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import { toBedrockConversation } from './bedrock.messages.mapper';
import { applyParamSupport } from '../shared/param-support';
import { BEDROCK_UNSUPPORTED_PARAMS } from './bedrock.params';
import type { BedrockToolChoice, ConverseRequest } from './bedrock.types';

const PROVIDER = 'bedrock';

/** An OpenAI chat request to a Converse / ConverseStream body (the same body serves both). */
export function toConverseRequest(request: ChatCompletionRequest, deployment: Pick<Deployment, 'params'>): ConverseRequest {
  const req = applyParamSupport(request, PROVIDER, BEDROCK_UNSUPPORTED_PARAMS, deployment.params.drop_params === true);
  const { system, messages } = toBedrockConversation(req.messages ?? []);
  if (messages.length === 0) {
    throw new InvalidRequestError(`${PROVIDER} needs at least one user or assistant message`, { param: 'messages', provider: PROVIDER });
  }
  const body: ConverseRequest = { messages };
  if (system.length > 0) body.system = system;

  const inference: NonNullable<ConverseRequest['inferenceConfig']> = {};
  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) inference.maxTokens = maxTokens;
  if (req.temperature !== undefined && req.temperature !== null) inference.temperature = req.temperature;
  if (req.top_p !== undefined && req.top_p !== null) inference.topP = req.top_p;
  if (req.stop !== undefined && req.stop !== null) inference.stopSequences = Array.isArray(req.stop) ? req.stop : [req.stop];
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;

  const toolConfig = toToolConfig(req.tools, req.tool_choice);
  if (toolConfig) body.toolConfig = toolConfig;
  return body;
}

/** `tool_choice: none` leaves the tools out: Converse has no "none" choice. */
export function toToolConfig(tools: ToolDefinition[] | undefined, choice: ToolChoice | undefined): ConverseRequest['toolConfig'] {
  if (!tools || tools.length === 0 || choice === 'none') return undefined;
  const config: NonNullable<ConverseRequest['toolConfig']> = {
    tools: tools.map((t) => ({
      toolSpec: {
        name: t.function.name,
        ...(t.function.description ? { description: t.function.description } : {}),
        inputSchema: { json: t.function.parameters ?? { type: 'object', properties: {} } },
      },
    })),
  };
  const toolChoice = toToolChoice(choice);
  if (toolChoice) config.toolChoice = toolChoice;
  return config;
}

function toToolChoice(choice: ToolChoice | undefined): BedrockToolChoice | undefined {
  if (choice === undefined || choice === 'auto') return choice === 'auto' ? { auto: {} } : undefined;
  if (choice === 'required') return { any: {} };
  if (typeof choice === 'object' && choice.type === 'function') return { tool: { name: choice.function.name } };
  throw new InvalidRequestError(`${PROVIDER} does not support tool_choice ${JSON.stringify(choice)}`, { param: 'tool_choice', provider: PROVIDER });
}
