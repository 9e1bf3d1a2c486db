import type { ChatMessage, ContentPart, ToolCall } from '../../common/openai/openai.types';
import { InvalidRequestError } from '../../common/errors';
import type { TgiContentPart, TgiMessage, TgiToolCall } from './sagemaker.types';

const PROVIDER = 'sagemaker';

/**
 * OpenAI messages to TGI's (router/src/lib.rs `Message`): the same roles and
 * content parts, with `developer` as `system` (chat templates know no other).
 * An assistant turn with tool calls is sent as `tool_calls` only: TGI reads a
 * message as either content or tool calls, never both.
 */
export function toTgiMessages(messages: ChatMessage[]): TgiMessage[] {
  if (messages.length === 0) throw new InvalidRequestError('messages must not be empty', { param: 'messages', provider: PROVIDER });
  return messages.map(toTgiMessage);
}

function toTgiMessage(m: ChatMessage): TgiMessage {
  const name = typeof m.name === 'string' && m.name ? { name: m.name } : {};
  switch (m.role) {
    case 'system':
    case 'developer':
    case 'user':
      return { role: m.role === 'developer' ? 'system' : m.role, content: toTgiContent(m.content), ...name };
    case 'assistant':
      if (m.tool_calls && m.tool_calls.length > 0) return { role: 'assistant', tool_calls: m.tool_calls.map(toTgiToolCall), ...name };
      return { role: 'assistant', content: toTgiContent(m.content), ...name };
    case 'tool':
      return { role: 'tool', content: toTgiContent(m.content), ...(m.tool_call_id ? { tool_call_id: m.tool_call_id } : {}) };
    default:
      throw new InvalidRequestError(`${PROVIDER} does not support messages with role '${String(m.role)}'`, { param: 'messages', provider: PROVIDER });
  }
}

function toTgiToolCall(call: ToolCall): TgiToolCall {
  return { id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } };
}

function toTgiContent(content: ChatMessage['content']): string | TgiContentPart[] {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content.map(toTgiPart);
}

function toTgiPart(part: ContentPart): TgiContentPart {
  if (part.type === 'text' && typeof part.text === 'string') return { type: 'text', text: part.text };
  if (part.type === 'image_url') {
    const url = (part.image_url as { url?: unknown } | undefined)?.url;
    if (typeof url === 'string') return { type: 'image_url', image_url: { url } };
  }
  throw new InvalidRequestError(`${PROVIDER} (TGI) takes text and image_url content parts, not '${part.type}'`, { param: 'messages', provider: PROVIDER });
}
