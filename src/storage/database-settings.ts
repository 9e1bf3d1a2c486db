import type { GeneralSettingsSchema } from '../config/schema/general-settings.schema';

export const DEFAULT_DATABASE_PATH = 'data';

/** Where the gateway keeps keys, teams and spend: a real PostgreSQL, or PGlite in a local folder. */
export type DatabaseSettings = { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'embedded'; readonly path: string };

/** `general_settings.database_url`, else `DATABASE_URL`, else the embedded database in `database_path` (default `data/`). */
export function databaseSettingsFrom(general: GeneralSettingsSchema, env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const url = general.database_url || env.DATABASE_URL;
  if (url) return { kind: 'postgres', url };
  return { kind: 'embedded', path: general.database_path || DEFAULT_DATABASE_PATH };
}

/** The URL without its password, for logs and readiness. */
export function describeDatabase(settings: DatabaseSettings): string {
  if (settings.kind === 'embedded') return `embedded:${settings.path}`;
  try {
    const url = new URL(settings.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres (unparsable url)';
  }
}
