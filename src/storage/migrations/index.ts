import type { Migration } from 'kysely';
import * as initialSchema from './20261203150000-initial-schema';
import * as responses from './20261203170000-responses';

/**
 * Every migration, by name, applied in name order and recorded in
 * `gateway_migrations`. Listed here (not read from the folder) so the
 * compiled build and ts-jest see the same set. Add new ones at the end.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '20261203150000-initial-schema': initialSchema,
  '20261203170000-responses': responses,
};
