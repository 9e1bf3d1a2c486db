import { registerDecorator, ValidationOptions } from 'class-validator';

function define(name: string, message: string, test: (v: unknown) => boolean) {
  return (options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({ name, target: object.constructor, propertyName, options: { message, ...options }, validator: { validate: test } });
}

const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A message's content: a string, a list of content parts (objects with a `type`), or null. */
export const IsMessageContent = define(
  'isMessageContent',
  'expected a string or a list of content parts',
  (v) => v === null || typeof v === 'string' || (Array.isArray(v) && v.every((p) => isPlainObject(p) && typeof (p as { type?: unknown }).type === 'string')),
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
