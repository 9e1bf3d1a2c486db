import type { CallEvent } from './call-event';

/** One JSON text per event, shared by every sink that writes the event as it is (stdout, file, webhook). */
const cache = new WeakMap<CallEvent, string>();

export function eventJson(event: CallEvent): string {
  let json = cache.get(event);
  if (json === undefined) {
    json = JSON.stringify(event);
    cache.set(event, json);
  }
  return json;
}
