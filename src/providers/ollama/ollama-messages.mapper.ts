import { InvalidRequestError } from '../../common/errors';
import type { ChatMessage, ToolCall } from '../../common/openai/openai.types';
import type { OllamaMessage, OllamaToolCall } from './ollama.types';

const PROVIDER = 'ollama';
const DATA_URL = /^data:[^;,]+;base64,(.*)$/s;

/**
 * OpenAI messages to Ollama's: text parts joined, images as bare base64,
 * tool-call arguments parsed to objects (Ollama's form), and each tool result
 * named after the call it answers, looked up from the assistant turns before it.
 */
export function toOllamaMessages(messages: readonly ChatMessage[]): OllamaMessage[] {
  const toolNames = new Map<string, string>();
  return messages.map((message, index) => {
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', ...content(message.content, index, false) };
      case 'user':
        return { role: 'user', ...content(message.content, index, true) };
      case 'assistant': {
        const calls = message.tool_calls ?? [];
        calls.forEach((c) => toolNames.set(c.id, c.function.name));
        return { role: 'assistant', ...content(message.content, index, false), ...(calls.length ? { tool_calls: calls.map((c) => toolCall(c, index)) } : {}) };
      }
      case 'tool': {
        const name = message.tool_call_id ? toolNames.get(message.tool_call_id) : undefined;
        return { role: 'tool', ...content(message.content, index, false), ...(name ? { tool_name: name } : {}) };
      }
      default:
        throw invalid(`${PROVIDER} does not support messages with role '${message.role}'`);
    }
  });
}

function content(value: ChatMessage['content'], index: number, imagesAllowed: boolean): { content: string; images?: string[] } {
  if (value == null) return { content: '' };
  if (typeof value === 'string') return { content: value };
  const texts: string[] = [];
  const images: string[] = [];
  for (const part of value) {
    if (part.type === 'text') texts.push(String((part as { text?: unknown }).text ?? ''));
    else if (part.type === 'image_url' && imagesAllowed) images.push(imageData((part as { image_url?: { url?: string } }).image_url?.url ?? '', index));
    else throw invalid(`${PROVIDER} does not support content parts of type '${part.type}' here (messages[${index}])`);
  }
  return { content: texts.join('\n'), ...(images.length ? { images } : {}) };
}

/** Ollama takes images inline only; a URL would have to be fetched, which the gateway does not do. */
function imageData(url: string, index: number): string {
  const data = DATA_URL.exec(url);
  if (!data) throw invalid(`messages[${index}]: ${PROVIDER} takes images as base64 data: URLs only`);
  return data[1];
}

function toolCall(call: ToolCall, index: number): OllamaToolCall {
  let args: unknown = {};
  if (call.function.arguments?.trim()) {
    try {
      args = JSON.parse(call.function.arguments);
    } catch {
      throw invalid(`messages[${index}]: tool_calls arguments are not valid JSON`);
    }
  }
  return { function: { name: call.function.name, arguments: (args ?? {}) as Record<string, unknown> } };
}

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError(message, { param: 'messages', provider: PROVIDER });
}
