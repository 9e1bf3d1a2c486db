import { InvalidRequestError } from '../../../common/errors';
import type { ChatCompletionRequest, ChatMessage, ContentPart, ToolCall, ToolChoice, ToolDefinition } from '../../../common/openai/openai.types';
import type { MessageContentBlock, MessageParam, MessagesRequest, MessageTextBlock, MessageTool, MessageToolChoice } from '../messages.types';

/** Blocks a chat API has no place for, and which carry nothing the next turn needs: left out. */
const DROPPED_BLOCKS = new Set(['thinking', 'redacted_thinking']);

export interface ToChatOptions {
  /** The deployment's `drop_params`: server tools are left out instead of refused. */
  dropParams?: boolean;
}

/**
 * A Messages request to a chat request, for providers without Anthropic's
 * API: `system` becomes the first message; `tool_result` blocks become `tool`
 * messages (before the rest of their user turn, since a chat API wants them
 * right after the assistant's tool calls); `tool_use` blocks become
 * `tool_calls`. The stream asks for usage, which `message_delta` carries.
 */
export function toChatRequest(request: MessagesRequest, options: ToChatOptions = {}): ChatCompletionRequest {
  const messages: ChatMessage[] = [];
  const system = systemText(request.system);
  if (system) messages.push({ role: 'system', content: system });
  request.messages.forEach((m, i) => messages.push(...toChatMessages(m, i)));

  const chat: ChatCompletionRequest = { model: request.model, messages };
  if (request.max_tokens !== undefined) chat.max_tokens = request.max_tokens;
  if (request.temperature !== undefined) chat.temperature = request.temperature;
  if (request.top_p !== undefined) chat.top_p = request.top_p;
  if (request.stop_sequences?.length) chat.stop = request.stop_sequences;
  if (typeof request.metadata?.user_id === 'string') chat.user = request.metadata.user_id;
  const tools = toChatTools(request.tools, options.dropParams === true);
  if (tools.length > 0) {
    chat.tools = tools;
    const choice = toChatToolChoice(request.tool_choice);
    if (choice !== undefined) chat.tool_choice = choice;
    if (request.tool_choice?.disable_parallel_tool_use === true) chat.parallel_tool_calls = false;
  }
  if (request.stream) {
    chat.stream = true;
    chat.stream_options = { include_usage: true };
  }
  return chat;
}

/** `system` as a string or text blocks, as one string. */
export function systemText(system: MessagesRequest['system']): string {
  if (system === undefined || system === null) return '';
  if (typeof system === 'string') return system;
  return system.map((b) => b.text).join('\n\n');
}

function toChatMessages(message: MessageParam, index: number): ChatMessage[] {
  if (typeof message.content === 'string') return [{ role: message.role, content: message.content }];
  return message.role === 'assistant' ? [assistantMessage(message.content, index)] : userMessages(message.content, index);
}

function assistantMessage(blocks: MessageContentBlock[], index: number): ChatMessage {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  blocks.forEach((block, j) => {
    if (block.type === 'text') texts.push(String(block.text));
    else if (block.type === 'tool_use') {
      toolCalls.push({ id: String(block.id), type: 'function', function: { name: String(block.name), arguments: JSON.stringify(block.input ?? {}) } });
    } else if (!DROPPED_BLOCKS.has(block.type)) throw unsupportedBlock(block.type, index, j);
  });
  return { role: 'assistant', content: texts.length > 0 ? texts.join('') : null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) };
}

/** Tool results first (as `tool` messages), then whatever else the turn holds as one user message. */
function userMessages(blocks: MessageContentBlock[], index: number): ChatMessage[] {
  const tools: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  blocks.forEach((block, j) => {
    if (block.type === 'tool_result') {
      const { text, images } = toolResultContent(block.content as string | MessageContentBlock[] | undefined, index, j);
      tools.push({ role: 'tool', tool_call_id: String(block.tool_use_id), content: block.is_error === true && text ? `Error: ${text}` : text });
      parts.push(...images);
    } else if (!DROPPED_BLOCKS.has(block.type)) parts.push(contentPart(block, index, j));
  });
  if (parts.length === 0) return tools;
  const onlyText = parts.every((p) => p.type === 'text');
  const user: ChatMessage = { role: 'user', content: onlyText ? parts.map((p) => (p as { text: string }).text).join('\n') : parts };
  return [...tools, user];
}

function toolResultContent(content: string | MessageContentBlock[] | undefined, index: number, j: number): { text: string; images: ContentPart[] } {
  if (content === undefined || content === null) return { text: '', images: [] };
  if (typeof content === 'string') return { text: content, images: [] };
  const texts: string[] = [];
  const images: ContentPart[] = [];
  for (const block of content) {
    if (block.type === 'text') texts.push(String(block.text));
    else if (block.type === 'image') images.push(contentPart(block, index, j));
    else throw unsupportedBlock(block.type, index, j);
  }
  return { text: texts.join('\n'), images };
}

function contentPart(block: MessageContentBlock, index: number, j: number): ContentPart {
  if (block.type === 'text') return { type: 'text', text: String((block as MessageTextBlock).text) };
  if (block.type === 'image') {
    const source = block.source as { type?: string; media_type?: string; data?: string; url?: string } | undefined;
    if (source?.type === 'base64') return { type: 'image_url', image_url: { url: `data:${source.media_type};base64,${source.data}` } };
    if (source?.type === 'url') return { type: 'image_url', image_url: { url: String(source.url) } };
    throw new InvalidRequestError(`Invalid value for 'messages[${index}].content[${j}].source': expected a base64 or url image source`, {
      param: `messages[${index}].content[${j}].source`,
    });
  }
  throw unsupportedBlock(block.type, index, j);
}

function unsupportedBlock(type: string, index: number, j: number): InvalidRequestError {
  return new InvalidRequestError(`Content blocks of type '${type}' (messages[${index}].content[${j}]) are supported only by Anthropic deployments, not by this model`, {
    param: `messages[${index}].content[${j}].type`,
    code: 'unsupported_content_block',
  });
}

function toChatTools(tools: MessageTool[] | undefined, dropParams: boolean): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  (tools ?? []).forEach((tool, i) => {
    if (tool.type !== undefined && tool.type !== 'custom') {
      if (dropParams) return;
      throw new InvalidRequestError(`Server tool '${tool.type}' (tools[${i}]) is available only on Anthropic deployments, not on this model`, {
        param: `tools[${i}].type`,
        code: 'unsupported_tool',
      });
    }
    out.push({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        parameters: tool.input_schema ?? { type: 'object', properties: {} },
      },
    });
  });
  return out;
}

/** auto/any/tool/none to auto/required/{function}/none. */
export function toChatToolChoice(choice: MessageToolChoice | undefined): ToolChoice | undefined {
  if (!choice) return undefined;
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
    default:
      return undefined;
  }
}
