import { InvalidRequestError } from '../common/errors';

export const MAX_PAGE_SIZE = 1000;

/** `page` (from 1) and `size` from a query string; a bad value is a 400 naming it. */
export function pageOf(query: Record<string, unknown>, defaultSize = 50): { page: number; size: number; offset: number } {
  const read = (name: 'page' | 'size', fallback: number, max: number) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidRequestError(`Invalid value for '${name}': expected a whole number from 1 to ${max}`, { param: name });
    return n;
  };
  const page = read('page', 1, 1_000_000);
  const size = read('size', defaultSize, MAX_PAGE_SIZE);
  return { page, size, offset: (page - 1) * size };
}

/** An optional string filter from a query string; a repeated or odd value is a 400 naming it. */
export function queryString(query: Record<string, unknown>, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new InvalidRequestError(`Invalid value for '${name}': expected one string`, { param: name });
  return raw;
}
