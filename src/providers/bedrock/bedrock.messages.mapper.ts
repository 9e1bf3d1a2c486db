import type { ChatMessage, ContentPart } from '../../common/openai/openai.types';
import { InvalidRequestError } from '../../common/errors';
import type { BedrockContentBlock, BedrockImageBlock, BedrockMessage, BedrockTextBlock } from './bedrock.types';

const PROVIDER = 'bedrock';
/** Converse refuses blank text blocks; an empty tool result still has to say something. */
const EMPTY_RESULT = '(empty)';
const IMAGE_FORMATS: Record<string, BedrockImageBlock['image']['format']> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export interface BedrockConversation {
  system: BedrockTextBlock[];
  messages: BedrockMessage[];
}

/**
 * OpenAI messages to Converse's `system` + `messages`. System (and developer)
 * messages move to `system`; tool results become `toolResult` blocks of a user
 * turn; consecutive turns of the same role are merged, because Converse
 * requires user and assistant to alternate.
 */
export function toBedrockConversation(messages: readonly ChatMessage[]): BedrockConversation {
  const system: BedrockTextBlock[] = [];
  const turns: BedrockMessage[] = [];
  const push = (role: BedrockMessage['role'], content: BedrockContentBlock[]) => {
    if (content.length === 0) return;
    const last = turns[turns.length - 1];
    if (last && last.role === role) last.content.push(...content);
    else turns.push({ role, content });
  };

  messages.forEach((m, i) => {
    switch (m.role) {
      case 'system':
      case 'developer': {
        const text = textOf(m.content, i);
        if (text) system.push({ text });
        return;
      }
      case 'user':
        return push('user', userBlocks(m.content, i));
      case 'assistant':
        return push('assistant', assistantBlocks(m, i));
      case 'tool':
        return push('user', [toolResultBlock(m, i)]);
      default:
        throw new InvalidRequestError(`${PROVIDER} does not support messages with role '${m.role}'`, {
          param: `messages[${i}].role`,
          provider: PROVIDER,
        });
    }
  });
  return { system, messages: turns };
}

function userBlocks(content: ChatMessage['content'], i: number): BedrockContentBlock[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content ? [{ text: content }] : [];
  return content.flatMap((part, j) => partBlock(part, `messages[${i}].content[${j}]`));
}

function partBlock(part: ContentPart, param: string): BedrockContentBlock[] {
  if (part.type === 'text') {
    const text = String((part as { text?: unknown }).text ?? '');
    return text ? [{ text }] : [];
  }
  if (part.type === 'image_url') {
    const url = (part as { image_url?: { url?: string } }).image_url?.url ?? '';
    return [imageBlock(url, param)];
  }
  throw new InvalidRequestError(`${PROVIDER} does not support content parts of type '${part.type}'`, { param, provider: PROVIDER });
}

/** Converse takes image bytes only; fetching arbitrary URLs from the gateway is not done (SSRF). */
function imageBlock(url: string, param: string): BedrockImageBlock {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (!match) {
    throw new InvalidRequestError(`${PROVIDER} accepts images only as base64 data: URLs`, { param, provider: PROVIDER });
  }
  const format = IMAGE_FORMATS[match[1].toLowerCase()];
  if (!format) {
    throw new InvalidRequestError(`${PROVIDER} does not support images of type '${match[1]}' (png, jpeg, gif, webp)`, {
      param,
      provider: PROVIDER,
    });
  }
  return { image: { format, source: { bytes: match[2] } } };
}

function assistantBlocks(m: ChatMessage, i: number): BedrockContentBlock[] {
  const blocks: BedrockContentBlock[] = [];
  const text = textOf(m.content, i);
  if (text) blocks.push({ text });
  for (const call of m.tool_calls ?? []) {
    blocks.push({ toolUse: { toolUseId: call.id, name: call.function.name, input: parseArguments(call.function.arguments, i) } });
  }
  return blocks;
}

function toolResultBlock(m: ChatMessage, i: number): BedrockContentBlock {
  if (!m.tool_call_id) {
    throw new InvalidRequestError(`messages[${i}] (role 'tool') needs a tool_call_id`, { param: `messages[${i}].tool_call_id`, provider: PROVIDER });
  }
  const text = textOf(m.content, i);
  const json = parseObject(text);
  return { toolResult: { toolUseId: m.tool_call_id, content: [json === undefined ? { text: text || EMPTY_RESULT } : { json }] } };
}

/** Text of a string or text-part content; other parts are not meaningful here. */
export function textOf(content: ChatMessage['content'], i: number): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content
    .map((p, j) => {
      if (p.type !== 'text') {
        throw new InvalidRequestError(`${PROVIDER} accepts only text parts here`, { param: `messages[${i}].content[${j}]`, provider: PROVIDER });
      }
      return String((p as { text?: unknown }).text ?? '');
    })
    .join('');
}

function parseArguments(args: string, i: number): unknown {
  if (!args) return {};
  try {
    return JSON.parse(args);
  } catch {
    throw new InvalidRequestError(`messages[${i}].tool_calls has arguments that are not JSON`, {
      param: `messages[${i}].tool_calls`,
      provider: PROVIDER,
    });
  }
}

/** A tool result that is a JSON object goes as `{json}` (models read it structured); anything else as text. */
function parseObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
