import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0);

/** LiteLLM's fallback lists: `[{"gpt-4o": ["gpt-4o-mini", …]}, …]`. */
export function IsFallbackList(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isFallbackList',
      target: object.constructor,
      propertyName,
      options: { message: 'expected a list of {model_name: [fallback model names]}', ...options },
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.every(
            (entry) =>
              entry !== null && typeof entry === 'object' && !Array.isArray(entry) && Object.values(entry).every(isStringList),
          ),
      },
    });
}

/** A map of header name → string value. */
export function IsStringRecord(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isStringRecord',
      target: object.constructor,
      propertyName,
      options: { message: 'expected a map of names to string values', ...options },
      validator: {
        validate: (value: unknown, _args: ValidationArguments) =>
          value !== null &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.values(value).every((v) => typeof v === 'string' || v === undefined),
      },
    });
}

/** Messages say what was expected; the loader adds the path and what was found. */
export const expected = {
  string: { message: 'expected a string' },
  nonEmpty: { message: 'expected a non-empty string' },
  number: { message: 'expected a number' },
  positive: { message: 'expected a number greater than 0' },
  nonNegative: { message: 'expected a number ≥ 0' },
  integer: { message: 'expected a whole number' },
  boolean: { message: 'expected true or false' },
  object: { message: 'expected a mapping (key: value)' },
  list: { message: 'expected a list' },
  stringList: { message: 'expected a list of strings' },
  required: { message: 'is required' },
  url: { message: 'expected an http(s) URL' },
} as const;

/** A number, or a string of digits (what `os.environ/NAME` gives for a port). */
export function IsNumberLike(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNumberLike',
      target: object.constructor,
      propertyName,
      options: { message: 'expected a number', ...options },
      validator: {
        validate: (value: unknown) => (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^\d+$/.test(value.trim())),
      },
    });
}
