/** W3C trace context: `version-traceid-parentid-flags`, lower-case hex. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const ALL_ZEROS = /^0+$/;

/** The trace id of a valid `traceparent` header, or undefined (invalid headers are ignored, as the spec asks). */
export function traceIdFromTraceparent(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = TRACEPARENT.exec(header.trim());
  if (!match) return undefined;
  const [, version, traceId, parentId] = match;
  if (version === 'ff' || ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentId)) return undefined;
  // Version 00 allows nothing after the flags; later versions may append fields.
  if (version === '00' && header.trim().length !== 55) return undefined;
  return traceId;
}
