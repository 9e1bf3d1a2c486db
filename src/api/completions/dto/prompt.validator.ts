import { registerDecorator, ValidationOptions } from 'class-validator';

const isTokenList = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((n) => Number.isInteger(n) && n >= 0);

/** `prompt`: a string, a non-empty list of strings, a list of token ids, or a list of token id lists. */
export function isPrompt(v: unknown): v is string | string[] | number[] | number[][] {
  if (typeof v === 'string') return true;
  if (!Array.isArray(v) || v.length === 0) return false;
  return v.every((s) => typeof s === 'string') || isTokenList(v) || v.every(isTokenList);
}

export function IsPrompt(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPrompt',
      target: object.constructor,
      propertyName,
      options: { message: 'expected a string, a list of strings, a list of token ids or a list of token id lists', ...options },
      validator: { validate: isPrompt },
    });
}
