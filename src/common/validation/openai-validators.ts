import { registerDecorator, ValidationOptions } from 'class-validator';

function define(name: string, message: string, test: (v: unknown) => boolean) {
  return (options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({ name, target: object.constructor, propertyName, options: { message, ...options }, validator: { validate: test } });
}

const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The known content part types and the shape of their payload; other types pass to the provider as sent. */
const PART_PAYLOAD: Record<string, (part: Record<string, unknown>) => boolean> = {
  text: (p) => typeof p.text === 'string',
  image_url: (p) => typeof p.image_url === 'string' || (isPlainObject(p.image_url) && typeof (p.image_url as { url?: unknown }).url === 'string'),
  input_audio: (p) => isPlainObject(p.input_audio) && typeof (p.input_audio as { data?: unknown }).data === 'string',
  file: (p) => isPlainObject(p.file),
};

const isContentPart = (p: unknown): boolean => {
  if (!isPlainObject(p)) return false;
  const part = p as Record<string, unknown>;
  if (typeof part.type !== 'string') return false;
  const payload = PART_PAYLOAD[part.type];
  return payload === undefined || payload(part);
};

/** A message's content: a string, a list of content parts (objects with a `type` and its payload), or null. */
export const IsMessageContent = define(
  'isMessageContent',
  'expected a string or a list of content parts (text parts with a string text, image_url parts with a url)',
  (v) => v === null || typeof v === 'string' || (Array.isArray(v) && v.every(isContentPart)),
);

/** `tool_choice`: none | auto | required, or `{type, function: {name}}`. */
export const IsChoice = define(
  'isToolChoice',
  'expected none, auto, required or {"type": "function", "function": {"name": …}}',
  (v) =>
    typeof v === 'string' ||
    (isPlainObject(v) &&
      typeof (v as { type?: unknown }).type === 'string' &&
      ((v as { function?: unknown }).function === undefined ||
        (isPlainObject((v as { function?: unknown }).function) && typeof ((v as { function: { name?: unknown } }).function.name) === 'string'))),
);

/** `logit_bias`: token id → number. */
export const IsNumberRecord = define('isNumberRecord', 'expected a mapping of token ids to numbers', (v) =>
  isPlainObject(v) && Object.values(v as Record<string, unknown>).every((n) => typeof n === 'number' && Number.isFinite(n)),
);

/** Embedding input: a non-empty string, list of strings, list of tokens, or list of token lists. */
export const IsEmbeddingInput = define(
  'isEmbeddingInput',
  'expected a non-empty string, a list of strings, or a list of token ids',
  (v) =>
    (typeof v === 'string' && v.length > 0) ||
    (Array.isArray(v) &&
      v.length > 0 &&
      (v.every((s) => typeof s === 'string') ||
        v.every((n) => Number.isInteger(n)) ||
        v.every((a) => Array.isArray(a) && a.length > 0 && a.every((n) => Number.isInteger(n))))),
);

/** Moderation input: a string, list of strings, or list of multimodal parts. */
export const IsModerationInput = define(
  'isModerationInput',
  'expected a string or a list of strings or content parts',
  (v) => typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' || isPlainObject(s))),
);

/** `stop`: a string or up to four strings. */
export const IsStop = define('isStop', 'expected a string or a list of up to 4 strings', (v) =>
  typeof v === 'string' || (Array.isArray(v) && v.length <= 4 && v.every((s) => typeof s === 'string')),
);

/** A mapping (JSON object). */
export const IsPlainObject = define('isPlainObject', 'expected an object', isPlainObject);
