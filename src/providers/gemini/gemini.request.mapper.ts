import type { ChatCompletionRequest, ToolChoice, ToolDefinition } from '../../common/openai/openai.types';
import { InvalidRequestError } from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import { applyParamSupport } from '../shared/param-support';
import { toGeminiConversation } from './gemini.messages.mapper';
import { GEMINI_UNSUPPORTED_PARAMS } from './gemini.params';
import { toGeminiSchema } from './gemini.schema';
import type { GeminiGenerationConfig, GenerateContentRequest } from './gemini.types';

const PROVIDER = 'gemini';

/** An OpenAI chat request to a generateContent / streamGenerateContent body. */
export function toGenerateContentRequest(request: ChatCompletionRequest, deployment: Pick<Deployment, 'params'>): GenerateContentRequest {
  const req = applyParamSupport(request, PROVIDER, GEMINI_UNSUPPORTED_PARAMS, deployment.params.drop_params === true);
  const { systemInstruction, contents } = toGeminiConversation(req.messages ?? []);
  if (contents.length === 0) {
    throw new InvalidRequestError(`${PROVIDER} needs at least one user or assistant message`, { param: 'messages', provider: PROVIDER });
  }
  const body: GenerateContentRequest = { contents };
  if (systemInstruction) body.systemInstruction = systemInstruction;
  if (req.tools && req.tools.length > 0) {
    body.tools = [{ functionDeclarations: req.tools.map(toFunctionDeclaration) }];
    const toolConfig = toToolConfig(req.tool_choice);
    if (toolConfig) body.toolConfig = toolConfig;
  }
  const generationConfig = toGenerationConfig(req);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  return body;
}

function toFunctionDeclaration(tool: ToolDefinition) {
  const { name, description, parameters } = tool.function;
  // Gemini refuses an object schema without properties; a tool with no arguments simply has none.
  const hasProperties = parameters && typeof parameters.properties === 'object' && Object.keys(parameters.properties as object).length > 0;
  return { name, ...(description ? { description } : {}), ...(hasProperties ? { parameters: toGeminiSchema(parameters) } : {}) };
}

export function toToolConfig(choice: ToolChoice | undefined): GenerateContentRequest['toolConfig'] {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  if (typeof choice === 'object' && choice.type === 'function') {
    return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
  }
  throw new InvalidRequestError(`${PROVIDER} does not support tool_choice ${JSON.stringify(choice)}`, { param: 'tool_choice', provider: PROVIDER });
}

export function toGenerationConfig(req: ChatCompletionRequest): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  const set = <K extends keyof GeminiGenerationConfig>(key: K, value: GeminiGenerationConfig[K] | null | undefined) => {
    if (value !== undefined && value !== null) config[key] = value;
  };
  set('temperature', req.temperature);
  set('topP', req.top_p);
  set('maxOutputTokens', req.max_completion_tokens ?? req.max_tokens);
  if (req.stop !== undefined && req.stop !== null) config.stopSequences = Array.isArray(req.stop) ? req.stop : [req.stop];
  if (typeof req.n === 'number' && req.n !== 1) config.candidateCount = req.n;
  set('seed', req.seed);
  // Some Gemini models refuse any penalty field; 0 (what many SDKs send) changes nothing, so it is left out.
  if (req.presence_penalty) config.presencePenalty = req.presence_penalty;
  if (req.frequency_penalty) config.frequencyPenalty = req.frequency_penalty;
  const format = req.response_format;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    const schema = (format.json_schema as { schema?: unknown } | undefined)?.schema;
    if (schema) config.responseSchema = toGeminiSchema(schema);
  }
  return config;
}
