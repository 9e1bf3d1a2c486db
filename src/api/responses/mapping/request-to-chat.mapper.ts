import { InvalidRequestError } from '../../../common/errors';
import type { ChatCompletionRequest, ChatMessage, ContentPart, ToolChoice, ToolDefinition } from '../../../common/openai/openai.types';
import type { FunctionCallItem, FunctionCallOutputItem, InputContentPart, MessageInputItem, ResponseInputItem, ResponseRequest } from '../responses.types';

/** The request's `input` as a list of items (a string is one user message). */
export function inputItemsOf(input: ResponseRequest['input']): ResponseInputItem[] {
  return typeof input === 'string' ? [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }] : input;
}

/**
 * A Responses request as a chat request, for providers without a Responses
 * API: `instructions` first as the system message, then the conversation so
 * far (`history`, from `previous_response_id`), then this call's input.
 */
export function toChatRequest(request: ResponseRequest, history: readonly ResponseInputItem[] = []): ChatCompletionRequest {
  const messages: ChatMessage[] = [];
  if (request.instructions) messages.push({ role: 'system', content: request.instructions });
  const items = [...history, ...inputItemsOf(request.input)];
  const offset = history.length;
  items.forEach((item, i) => addItem(messages, item, i >= offset ? `input[${i - offset}]` : 'previous_response_id'));
  const chat: ChatCompletionRequest = { model: request.model, messages };
  if (request.temperature !== undefined && request.temperature !== null) chat.temperature = request.temperature;
  if (request.top_p !== undefined && request.top_p !== null) chat.top_p = request.top_p;
  if (request.max_output_tokens !== undefined && request.max_output_tokens !== null) chat.max_tokens = request.max_output_tokens;
  if (request.parallel_tool_calls !== undefined && request.parallel_tool_calls !== null) chat.parallel_tool_calls = request.parallel_tool_calls;
  if (request.user !== undefined) chat.user = request.user;
  if (request.tools?.length) chat.tools = request.tools.map(toChatTool);
  if (request.tool_choice !== undefined) chat.tool_choice = toChatToolChoice(request.tool_choice);
  const format = toResponseFormat(request.text?.format);
  if (format) chat.response_format = format;
  return chat;
}

function addItem(messages: ChatMessage[], item: ResponseInputItem, param: string): void {
  const type = item.type ?? 'message';
  if (type === 'message') {
    messages.push(toChatMessage(item as MessageInputItem, param));
  } else if (type === 'function_call') {
    const call = item as FunctionCallItem;
    const toolCall = { id: call.call_id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } };
    const last = messages[messages.length - 1];
    // Parallel calls (and text said before them) are one assistant turn in chat.
    if (last?.role === 'assistant') last.tool_calls = [...(last.tool_calls ?? []), toolCall];
    else messages.push({ role: 'assistant', content: null, tool_calls: [toolCall] });
  } else if (type === 'function_call_output') {
    const out = item as FunctionCallOutputItem;
    messages.push({ role: 'tool', tool_call_id: out.call_id, content: typeof out.output === 'string' ? out.output : textOf(out.output) });
  } else if (type !== 'reasoning') {
    // Reasoning items are the model's own notes: chat providers cannot take them back, and need not.
    throw new InvalidRequestError(`Input items of type '${type}' are not supported for this model`, { param: `${param}.type`, code: 'unsupported_input_item' });
  }
}

function toChatMessage(item: MessageInputItem, param: string): ChatMessage {
  // Chat-only providers know `system`, not OpenAI's newer `developer`.
  const role = item.role === 'developer' ? 'system' : item.role;
  if (typeof item.content === 'string') return { role, content: item.content };
  if (role !== 'user') return { role, content: textOf(item.content) };
  return { role, content: item.content.map((p, i) => toChatPart(p, `${param}.content[${i}]`)) };
}

function toChatPart(part: InputContentPart, param: string): ContentPart {
  if (part.type === 'input_text' || part.type === 'output_text') return { type: 'text', text: String((part as { text: string }).text) };
  if (part.type === 'input_image') {
    const image = part as { image_url?: string; detail?: 'auto' | 'low' | 'high' };
    if (!image.image_url) throw new InvalidRequestError('Images by file_id are not supported for this model; send image_url', { param: `${param}.image_url` });
    return { type: 'image_url', image_url: { url: image.image_url, ...(image.detail ? { detail: image.detail } : {}) } };
  }
  throw new InvalidRequestError(`Content parts of type '${part.type}' are not supported for this model`, { param: `${param}.type`, code: 'unsupported_content_part' });
}

/** The text of assistant/system content parts (`output_text`, `input_text`, `refusal`). */
function textOf(parts: InputContentPart[]): string {
  return parts
    .map((p) => {
      const part = p as { text?: unknown; refusal?: unknown };
      return typeof part.text === 'string' ? part.text : typeof part.refusal === 'string' ? part.refusal : '';
    })
    .join('');
}

function toChatTool(tool: NonNullable<ResponseRequest['tools']>[number], index: number): ToolDefinition {
  if (tool.type !== 'function') {
    throw new InvalidRequestError(`Tools of type '${tool.type}' are not supported for this model; only function tools are`, {
      param: `tools[${index}].type`,
      code: 'unsupported_tool_type',
    });
  }
  const fn = tool as { name: string; description?: string | null; parameters?: Record<string, unknown> | null; strict?: boolean | null };
  return {
    type: 'function',
    function: {
      name: fn.name,
      ...(fn.description ? { description: fn.description } : {}),
      ...(fn.parameters ? { parameters: fn.parameters } : {}),
      ...(typeof fn.strict === 'boolean' ? { strict: fn.strict } : {}),
    },
  };
}

function toChatToolChoice(choice: NonNullable<ResponseRequest['tool_choice']>): ToolChoice {
  if (typeof choice === 'string') return choice;
  if (choice.type === 'function') return { type: 'function', function: { name: String((choice as { name: string }).name) } };
  throw new InvalidRequestError(`tool_choice of type '${choice.type}' is not supported for this model`, { param: 'tool_choice' });
}

function toResponseFormat(format: NonNullable<ResponseRequest['text']>['format']): ChatCompletionRequest['response_format'] | undefined {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  if (format.type === 'json_schema') {
    const { type: _type, ...schema } = format;
    return { type: 'json_schema', json_schema: schema };
  }
  throw new InvalidRequestError(`text.format of type '${format.type}' is not supported`, { param: 'text.format.type' });
}
