import { createHash } from 'node:crypto';
import type { LoadedConfig } from '../config/loaded-config';
import type { Deployment } from '../deployments/deployment';

/** What a reload changed, by name only: never a value (values may be secrets). */
export interface ConfigDiff {
  models: { added: string[]; removed: string[]; changed: string[]; unchanged: number };
  deployments: { before: number; after: number };
  /** Top-level keys of these sections whose value changed. */
  router_settings: string[];
  general_settings: string[];
  litellm_settings: string[];
  logging: boolean;
}

/** A deployment's identity for comparison; hashed so no value is ever kept or shown. */
function fingerprint(d: Deployment): string {
  const json = JSON.stringify({ id: d.id, provider: d.provider, upstream: d.upstreamModel, params: sorted(d.params), info: sorted(d.modelInfo) });
  return createHash('sha256').update(json).digest('hex');
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
  }
  return value;
}

function groupFingerprints(config: LoadedConfig): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const d of config.deployments) groups.set(d.modelName, [...(groups.get(d.modelName) ?? []), fingerprint(d)]);
  return new Map([...groups].map(([name, prints]) => [name, prints.join(',')]));
}

function changedKeys(a: object | undefined, b: object | undefined): string[] {
  const left = (a ?? {}) as Record<string, unknown>;
  const right = (b ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].filter((k) => JSON.stringify(sorted(left[k])) !== JSON.stringify(sorted(right[k]))).sort();
}

export function diffConfigs(previous: LoadedConfig, next: LoadedConfig): ConfigDiff {
  const before = groupFingerprints(previous);
  const after = groupFingerprints(next);
  const added = [...after.keys()].filter((m) => !before.has(m));
  const removed = [...before.keys()].filter((m) => !after.has(m));
  const changed = [...after.keys()].filter((m) => before.has(m) && before.get(m) !== after.get(m));
  return {
    models: { added, removed, changed, unchanged: after.size - added.length - changed.length },
    deployments: { before: previous.deployments.length, after: next.deployments.length },
    router_settings: changedKeys(previous.router, next.router),
    general_settings: changedKeys(previous.general, next.general),
    litellm_settings: changedKeys(previous.litellm, next.litellm),
    logging: JSON.stringify(sorted(previous.logging)) !== JSON.stringify(sorted(next.logging)),
  };
}

/** One log line: names only. */
export function summarizeDiff(diff: ConfigDiff): string {
  const list = (names: string[]) => (names.length ? names.join(', ') : 'none');
  const parts = [
    `models added: ${list(diff.models.added)}`,
    `removed: ${list(diff.models.removed)}`,
    `changed: ${list(diff.models.changed)}`,
    `unchanged: ${diff.models.unchanged}`,
    `deployments ${diff.deployments.before} -> ${diff.deployments.after}`,
  ];
  if (diff.router_settings.length) parts.push(`router_settings changed: ${diff.router_settings.join(', ')}`);
  if (diff.general_settings.length) parts.push(`general_settings changed: ${diff.general_settings.join(', ')}`);
  if (diff.litellm_settings.length) parts.push(`litellm_settings changed: ${diff.litellm_settings.join(', ')}`);
  if (diff.logging) parts.push('logging changed');
  return parts.join('; ');
}
