import type { ValidationError } from 'class-validator';

export type Problem = { path: string; message: string };

const SECRET_KEY = /key|secret|token|password|authorization/i;

/** `model_list[2].litellm_params.model` from class-validator's nested errors. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): Problem[] {
  const out: Problem[] = [];
  for (const e of errors) {
    const path = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      const messages = [...new Set(Object.values(e.constraints))];
      out.push({ path, message: `${messages[0]}${describeValue(e.property, e.value)}` });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

function describeValue(property: string, value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return ' (got null)';
  if (Array.isArray(value)) return ' (got a list)';
  if (typeof value === 'object') return ' (got a mapping)';
  if (SECRET_KEY.test(property)) return ` (got a ${typeof value})`;
  return ` (got ${typeof value} ${JSON.stringify(value).slice(0, 60)})`;
}

