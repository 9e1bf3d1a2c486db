/** The default of `general_settings.max_request_json_depth`. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

/**
 * The path (`metadata.a.b[0]`) of the first value nested deeper than
 * `maxDepth` containers, or undefined when the value is within the limit.
 * Iterative, with its own stack, so a body nested 100,000 deep cannot
 * overflow the call stack here — it is checked right after JSON.parse and
 * before anything recursive (the validation pipe, JSON.stringify) sees it.
 */
interface Frame {
  node: object;
  /** 1 for the root. */
  depth: number;
  parent: Frame | undefined;
  key: string | number;
}

export function findTooDeep(value: unknown, maxDepth: number): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Frame[] = [{ node: value, depth: 1, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > maxDepth) return pathOf(frame);
    if (Array.isArray(frame.node)) {
      const items = frame.node;
      for (let i = items.length - 1; i >= 0; i--) {
        const child: unknown = items[i];
        if (child !== null && typeof child === 'object') stack.push({ node: child, depth: frame.depth + 1, parent: frame, key: i });
      }
    } else {
      const record = frame.node as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let i = keys.length - 1; i >= 0; i--) {
        const child = record[keys[i]];
        if (child !== null && typeof child === 'object') stack.push({ node: child, depth: frame.depth + 1, parent: frame, key: keys[i] });
      }
    }
  }
  return undefined;
}

/** `messages[0].content` from the frame's chain of parents. */
function pathOf(frame: Frame): string {
  const keys: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) keys.push(f.key);
  let path = '';
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i];
    path += typeof key === 'number' ? `[${key}]` : path === '' ? key : `.${key}`;
  }
  return path;
}
