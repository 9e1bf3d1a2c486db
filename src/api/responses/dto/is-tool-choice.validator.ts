import { registerDecorator, ValidationOptions } from 'class-validator';

const MODES = new Set(['none', 'auto', 'required']);

/** `tool_choice`: `none`, `auto`, `required`, or an object naming a tool (`{type: 'function', name}`). */
export function isToolChoice(v: unknown): boolean {
  if (typeof v === 'string') return MODES.has(v);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const choice = v as { type?: unknown; name?: unknown };
  if (typeof choice.type !== 'string') return false;
  return choice.type !== 'function' || typeof choice.name === 'string';
}

export function IsToolChoice(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isToolChoice',
      target: object.constructor,
      propertyName,
      options: { message: "expected 'none', 'auto', 'required' or {type: 'function', name}", ...options },
      validator: { validate: isToolChoice },
    });
}
