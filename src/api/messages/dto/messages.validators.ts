import { registerDecorator, ValidationOptions } from 'class-validator';

function define(name: string, message: string, test: (v: unknown) => boolean) {
  return (options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({ name, target: object.constructor, propertyName, options: { message, ...options }, validator: { validate: test } });
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const CHOICES = new Set(['auto', 'any', 'none', 'tool']);

/** `tool_choice`: `{type: auto | any | none}` or `{type: tool, name}`. */
export function isMessagesToolChoice(v: unknown): boolean {
  if (!isObject(v) || typeof v.type !== 'string' || !CHOICES.has(v.type)) return false;
  if (v.disable_parallel_tool_use !== undefined && typeof v.disable_parallel_tool_use !== 'boolean') return false;
  return v.type !== 'tool' || (typeof v.name === 'string' && v.name !== '');
}

export const IsMessagesToolChoice = define(
  'isMessagesToolChoice',
  'expected {"type": "auto" | "any" | "none"} or {"type": "tool", "name": …}',
  isMessagesToolChoice,
);

/** An image block's `source`: base64 data with its media type, or a URL. */
export const IsImageSource = define(
  'isImageSource',
  'expected {"type": "base64", "media_type": …, "data": …} or {"type": "url", "url": …}',
  (v) =>
    isObject(v) &&
    ((v.type === 'base64' && typeof v.media_type === 'string' && typeof v.data === 'string') || (v.type === 'url' && typeof v.url === 'string') || v.type === 'file'),
);
