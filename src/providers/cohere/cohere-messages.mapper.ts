import { InvalidRequestError } from '../../common/errors';
import type { ChatMessage, ContentPart } from '../../common/openai/openai.types';
import type { CohereContentPart, CohereMessage } from './cohere.types';

const PROVIDER = 'cohere';

/**
 * OpenAI messages to Cohere v2's, which share most of the shape: developer
 * becomes system, content parts keep text and image_url, assistant tool calls
 * and tool results keep their ids. Cohere needs no role alternation.
 */
export function toCohereMessages(messages: readonly ChatMessage[]): CohereMessage[] {
  return messages.map((m, i) => toCohereMessage(m, i));
}

function toCohereMessage(message: ChatMessage, index: number): CohereMessage {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: textOf(message.content, index) };
    case 'user':
      return { role: 'user', content: userContent(message.content, index) };
    case 'assistant': {
      const text = textOf(message.content, index);
      const calls = message.tool_calls ?? [];
      return {
        role: 'assistant',
        ...(text ? { content: text } : {}),
        ...(calls.length > 0
          ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.function.name, arguments: c.function.arguments || '{}' } })) }
          : {}),
      };
    }
    case 'tool':
      if (!message.tool_call_id) throw invalid(`messages[${index}]: a tool message needs 'tool_call_id'`);
      return { role: 'tool', tool_call_id: message.tool_call_id, content: textOf(message.content, index) };
    default:
      throw invalid(`${PROVIDER} does not support messages with role '${message.role}'`);
  }
}

function userContent(content: ChatMessage['content'], index: number): string | CohereContentPart[] {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => userPart(part, index));
}

function userPart(part: ContentPart, index: number): CohereContentPart {
  if (part.type === 'text') return { type: 'text', text: String((part as { text?: unknown }).text ?? '') };
  if (part.type === 'image_url') {
    const image = (part as { image_url?: { url?: string; detail?: string } }).image_url;
    if (!image?.url) throw invalid(`messages[${index}]: image_url needs a url`);
    return { type: 'image_url', image_url: { url: image.url, ...(image.detail ? { detail: image.detail } : {}) } };
  }
  throw invalid(`${PROVIDER} does not support content parts of type '${part.type}' (messages[${index}])`);
}

/** System, assistant and tool content must be text for Cohere; parts are joined. */
function textOf(content: ChatMessage['content'], index: number): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content
    .map((p) => {
      if (p.type !== 'text') throw invalid(`messages[${index}]: only text content is supported in this role`);
      return String((p as { text?: unknown }).text ?? '');
    })
    .join('\n');
}

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError(message, { param: 'messages', provider: PROVIDER });
}
