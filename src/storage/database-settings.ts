import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** The PostgreSQL major the embedded engine (`@electric-sql/pglite` 0.5) runs; its data folders are not readable by another major. */
export const EMBEDDED_POSTGRES_MAJOR = '18';

/**
 * Refuses, at start-up and naming the folder, an embedded data folder that an
 * older release wrote with another PostgreSQL major (PGlite 0.4 ran
 * PostgreSQL 17): opening it would fail on the first query with PGlite's own
 * opaque message, and readiness would stay 503 for no visible reason.
 */
export function assertEmbeddedFolderUsable(settings: DatabaseSettings): DatabaseSettings {
  if (settings.kind !== 'embedded' || settings.path.startsWith('memory://')) return settings;
  let major: string;
  try {
    major = readFileSync(join(resolve(settings.path), 'PG_VERSION'), 'utf8').trim();
  } catch {
    return settings; // a new or empty folder
  }
  if (major !== EMBEDDED_POSTGRES_MAJOR) {
    throw new Error(
      `general_settings.database_path: the embedded database in ${settings.path} was written by PostgreSQL ${major} (an older release of the gateway); ` +
        `this release embeds PostgreSQL ${EMBEDDED_POSTGRES_MAJOR}, which cannot read it. Move the folder away to start with an empty database, ` +
        `or point general_settings.database_url at a real PostgreSQL (see the README, "Virtual keys and teams").`,
    );
  }
  return settings;
}
