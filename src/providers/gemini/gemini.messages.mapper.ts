import type { ChatMessage, ContentPart } from '../../common/openai/openai.types';
import { InvalidRequestError } from '../../common/errors';
import { thoughtSignatureOf } from './gemini.tool-call-id';
import type { GeminiContent, GeminiPart, GenerateContentRequest } from './gemini.types';

const PROVIDER = 'gemini';

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
};

export interface GeminiConversation {
  systemInstruction?: GenerateContentRequest['systemInstruction'];
  contents: GeminiContent[];
}

/**
 * OpenAI messages to Gemini `contents` (roles `user` / `model`) and a
 * `systemInstruction`. Tool results become `functionResponse` parts named
 * after the tool call they answer; consecutive turns of one role are merged,
 * so parallel function responses share one turn as Gemini expects.
 */
export function toGeminiConversation(messages: readonly ChatMessage[]): GeminiConversation {
  const system: Array<{ text: string }> = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  const push = (role: 'user' | 'model', parts: GeminiPart[]) => {
    if (parts.length === 0) return;
    const last = contents[contents.length - 1];
    if (last && last.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
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
        return push('user', userParts(m.content, i));
      case 'assistant': {
        for (const call of m.tool_calls ?? []) toolNames.set(call.id, call.function.name);
        return push('model', assistantParts(m, i));
      }
      case 'tool':
        return push('user', [functionResponsePart(m, i, toolNames)]);
      default:
        throw new InvalidRequestError(`${PROVIDER} does not support messages with role '${m.role}'`, { param: `messages[${i}].role`, provider: PROVIDER });
    }
  });
  return { ...(system.length ? { systemInstruction: { parts: system } } : {}), contents };
}

function userParts(content: ChatMessage['content'], i: number): GeminiPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content ? [{ text: content }] : [];
  return content.flatMap((part, j) => contentPart(part, `messages[${i}].content[${j}]`));
}

function contentPart(part: ContentPart, param: string): GeminiPart[] {
  if (part.type === 'text') {
    const text = String((part as { text?: unknown }).text ?? '');
    return text ? [{ text }] : [];
  }
  if (part.type === 'image_url') return [imagePart((part as { image_url?: { url?: string } }).image_url?.url ?? '', param)];
  throw new InvalidRequestError(`${PROVIDER} does not support content parts of type '${part.type}'`, { param, provider: PROVIDER });
}

/** A data: URL is sent inline; any other URL by reference (`fileData`), which Gemini fetches itself. */
function imagePart(url: string, param: string): GeminiPart {
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (data) return { inlineData: { mimeType: data[1].toLowerCase(), data: data[2] } };
  if (/^(https?|gs):\/\//i.test(url)) return { fileData: { mimeType: guessMime(url), fileUri: url } };
  throw new InvalidRequestError(`${PROVIDER} takes images as base64 data: URLs or http(s)/gs URLs`, { param, provider: PROVIDER });
}

function guessMime(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  return (ext && MIME_BY_EXTENSION[ext]) || 'image/jpeg';
}

function assistantParts(m: ChatMessage, i: number): GeminiPart[] {
  const parts: GeminiPart[] = [];
  const text = textOf(m.content, i);
  if (text) parts.push({ text });
  for (const call of m.tool_calls ?? []) {
    const signature = thoughtSignatureOf(call.id);
    parts.push({ functionCall: { name: call.function.name, args: parseArgs(call.function.arguments, i) }, ...(signature ? { thoughtSignature: signature } : {}) });
  }
  return parts;
}

function functionResponsePart(m: ChatMessage, i: number, toolNames: Map<string, string>): GeminiPart {
  const name = (m.tool_call_id && toolNames.get(m.tool_call_id)) || (typeof m.name === 'string' ? m.name : undefined);
  if (!name) {
    throw new InvalidRequestError(`messages[${i}] answers a tool call that no earlier assistant message made (tool_call_id '${m.tool_call_id ?? ''}')`, {
      param: `messages[${i}].tool_call_id`,
      provider: PROVIDER,
    });
  }
  return { functionResponse: { name, response: toResponseObject(textOf(m.content, i)) } };
}

/** `functionResponse.response` must be an object: a JSON object is sent as is, anything else under `content`. */
function toResponseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    return { content: value };
  } catch {
    return { content: text };
  }
}

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

function parseArgs(args: string, i: number): Record<string, unknown> {
  if (!args) return {};
  try {
    const value: unknown = JSON.parse(args);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    throw new InvalidRequestError(`messages[${i}].tool_calls has arguments that are not JSON`, { param: `messages[${i}].tool_calls`, provider: PROVIDER });
  }
}
