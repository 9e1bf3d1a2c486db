import type { CallEvent } from './call-event';

export interface EventContentLimits {
  /** Longest string kept whole, in characters (`logging.max_event_string_length`). */
  maxStringLength: number;
  /** Most items of a list, and keys of an object, kept. */
  maxItems: number;
  /** Deepest nesting kept. */
  maxDepth: number;
  /** Characters of strings kept in the whole event; past it, strings are cut to nothing. */
  maxTotalChars: number;
}

export const DEFAULT_EVENT_STRING_LENGTH = 16 * 1024;

export function eventContentLimits(maxStringLength = DEFAULT_EVENT_STRING_LENGTH): EventContentLimits {
  return { maxStringLength, maxItems: 100, maxDepth: 16, maxTotalChars: Math.max(maxStringLength * 16, 256 * 1024) };
}

/** A cut should not leave half a key-shaped token at its end for the redactor to miss. */
const TRAILING_TOKEN = /\S{1,512}$/;

/**
 * The event with bounded content: long strings are cut (ending in
 * `…[truncated N chars]`), long lists and key sets cut (a last item / key
 * `…` says how many were left out), nesting past `maxDepth` replaced, and the
 * event marked `truncated: true`. Values are copied where anything is cut, so
 * a queued event never holds a multi-MB request body by reference. Pure.
 */
export function boundEventContent(event: CallEvent, limits: EventContentLimits): CallEvent {
  const state = { budget: limits.maxTotalChars, truncated: false };
  // The event's own fields are few and fixed; only their values are bounded.
  let out: Record<string, unknown> | undefined;
  const record = event as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const next = bound(record[key], limits, state, 0);
    if (next !== record[key]) (out ??= { ...record })[key] = next;
  }
  if (!out) return event;
  out.truncated = true;
  return out as unknown as CallEvent;
}

interface State {
  budget: number;
  truncated: boolean;
}

function bound(value: unknown, limits: EventContentLimits, state: State, depth: number): unknown {
  if (typeof value === 'string') return boundString(value, limits, state);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= limits.maxDepth) {
    state.truncated = true;
    return '…[truncated: nested too deep]';
  }
  if (Array.isArray(value)) {
    const n = Math.min(value.length, limits.maxItems);
    let copy: unknown[] | undefined = value.length > n ? value.slice(0, n) : undefined;
    for (let i = 0; i < n; i++) {
      const next = bound(value[i], limits, state, depth + 1);
      if (next !== value[i]) (copy ??= value.slice(0, n))[i] = next;
    }
    if (value.length > n) {
      state.truncated = true;
      copy!.push(`…[truncated ${value.length - n} more items]`);
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const n = Math.min(keys.length, limits.maxItems);
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < n; i++) {
    const current = record[keys[i]];
    const next = bound(current, limits, state, depth + 1);
    if (next !== current) copy ??= {};
    if (copy) copy[keys[i]] = next;
  }
  if (keys.length > n) {
    state.truncated = true;
    copy ??= {};
    copy['…'] = `[truncated ${keys.length - n} more keys]`;
  }
  if (!copy) return value;
  // Keys before the first change were not copied yet.
  const full: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) full[keys[i]] = keys[i] in copy ? copy[keys[i]] : record[keys[i]];
  if ('…' in copy) full['…'] = copy['…'];
  return full;
}

function boundString(s: string, limits: EventContentLimits, state: State): string {
  const keep = Math.min(limits.maxStringLength, Math.max(0, state.budget));
  if (s.length <= keep) {
    state.budget -= s.length;
    return s;
  }
  state.truncated = true;
  const head = s.slice(0, keep).replace(TRAILING_TOKEN, '');
  state.budget -= head.length;
  return `${head}…[truncated ${s.length - head.length} chars]`;
}
