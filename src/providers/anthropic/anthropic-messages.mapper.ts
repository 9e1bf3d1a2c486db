import { InvalidRequestError } from '../../common/errors';
import type { ChatMessage, ContentPart, ToolCall } from '../../common/openai/openai.types';
import type {
  AnthropicContentBlock,
  AnthropicImageBlock,
  AnthropicMessage,
  AnthropicTextBlock,
} from './anthropic.types';

const PROVIDER = 'anthropic';

export interface AnthropicConversation {
  system?: string;
  messages: AnthropicMessage[];
}

/**
 * OpenAI messages to Anthropic's: system and developer messages are lifted
 * into `system`; tool results become `tool_result` blocks in a user turn;
 * assistant tool calls become `tool_use` blocks; and consecutive turns of one
 * role are merged, since Anthropic requires user and assistant to alternate.
 */
export function toAnthropicConversation(messages: readonly ChatMessage[]): AnthropicConversation {
  const system: string[] = [];
  const turns: Array<{ role: 'user' | 'assistant'; blocks: AnthropicContentBlock[] }> = [];
  messages.forEach((message, i) => {
    if (message.role === 'system' || message.role === 'developer') {
      const text = textOnly(message.content, i);
      if (text) system.push(text);
      return;
    }
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = toBlocks(message, i);
    const last = turns[turns.length - 1];
    if (last && last.role === role) last.blocks.push(...blocks);
    else turns.push({ role, blocks });
  });
  return {
    ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
    messages: turns.map((t) => ({ role: t.role, content: compact(t.blocks) })),
  };
}

function toBlocks(message: ChatMessage, index: number): AnthropicContentBlock[] {
  switch (message.role) {
    case 'user':
      return contentBlocks(message.content, index);
    case 'assistant':
      return [...contentBlocks(message.content, index), ...(message.tool_calls ?? []).map((c) => toolUse(c, index))];
    case 'tool': {
      if (!message.tool_call_id) {
        throw new InvalidRequestError(`messages[${index}]: a tool message needs 'tool_call_id'`, { param: 'messages', provider: PROVIDER });
      }
      const content = message.content;
      return [
        {
          type: 'tool_result',
          tool_use_id: message.tool_call_id,
          content: typeof content === 'string' || content == null ? (content ?? '') : (contentBlocks(content, index) as Array<AnthropicTextBlock | AnthropicImageBlock>),
        },
      ];
    }
    default:
      throw new InvalidRequestError(`${PROVIDER} does not support messages with role '${message.role}'`, {
        param: 'messages',
        provider: PROVIDER,
      });
  }
}

function contentBlocks(content: ChatMessage['content'], index: number): AnthropicContentBlock[] {
  if (content == null) return [];
  // Anthropic refuses empty text blocks; an empty string carries nothing anyway.
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  return content.flatMap((part) => partBlock(part, index));
}

function partBlock(part: ContentPart, index: number): AnthropicContentBlock[] {
  if (part.type === 'text') {
    const text = String((part as { text?: unknown }).text ?? '');
    return text ? [{ type: 'text', text }] : [];
  }
  if (part.type === 'image_url') return [imageBlock(part as { image_url?: { url?: string } }, index)];
  throw new InvalidRequestError(`${PROVIDER} does not support content parts of type '${part.type}' (messages[${index}])`, {
    param: 'messages',
    provider: PROVIDER,
  });
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** data: URLs become base64 sources, http(s) URLs url sources; anything else is refused. */
export function imageBlock(part: { image_url?: { url?: string } }, index: number): AnthropicImageBlock {
  const url = part.image_url?.url ?? '';
  const data = DATA_URL.exec(url);
  if (data) return { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new InvalidRequestError(`messages[${index}]: an image_url must be a base64 data: URL or an http(s) URL`, {
    param: 'messages',
    provider: PROVIDER,
  });
}

function toolUse(call: ToolCall, index: number): AnthropicContentBlock {
  return { type: 'tool_use', id: call.id, name: call.function.name, input: parseArguments(call.function.arguments, index) };
}

/** OpenAI sends tool arguments as a JSON string; Anthropic wants the object. */
function parseArguments(args: string | undefined, index: number): unknown {
  if (!args || !args.trim()) return {};
  try {
    return JSON.parse(args);
  } catch {
    throw new InvalidRequestError(`messages[${index}]: tool_calls arguments are not valid JSON`, { param: 'messages', provider: PROVIDER });
  }
}

function textOnly(content: ChatMessage['content'], index: number): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content
    .map((p) => {
      if (p.type !== 'text') {
        throw new InvalidRequestError(`messages[${index}]: system messages may hold text only`, { param: 'messages', provider: PROVIDER });
      }
      return String((p as { text?: unknown }).text ?? '');
    })
    .join('\n');
}

/** A lone text block is sent as a plain string, the form Anthropic's docs use. */
function compact(blocks: AnthropicContentBlock[]): string | AnthropicContentBlock[] {
  if (blocks.length === 0) return '';
  if (blocks.length === 1 && blocks[0].type === 'text') return blocks[0].text;
  return blocks;
}
