const PREFIX = 'os.environ/';

export interface EnvResolution<T> {
  value: T;
  /** Paths whose `os.environ/NAME` variable is unset, with the variable's name. */
  missing: Array<{ path: string; variable: string }>;
}

/**
 * Replaces every string `os.environ/NAME` with the variable's value (LiteLLM's
 * convention). Unset variables become `undefined` and are reported, so the
 * caller decides whether that is fatal (a master key) or a warning (a
 * deployment's key).
 */
export function resolveEnvReferences<T>(value: T, env: NodeJS.ProcessEnv = process.env, path = ''): EnvResolution<T> {
  const missing: EnvResolution<T>['missing'] = [];
  const walk = (v: unknown, p: string): unknown => {
    if (typeof v === 'string' && v.startsWith(PREFIX)) {
      const name = v.slice(PREFIX.length);
      const resolved = env[name];
      if (resolved === undefined || resolved === '') {
        missing.push({ path: p, variable: name });
        return undefined;
      }
      return resolved;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${p}[${i}]`));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, p ? `${p}.${k}` : k);
      return out;
    }
    return v;
  };
  return { value: walk(value, path) as T, missing };
}
