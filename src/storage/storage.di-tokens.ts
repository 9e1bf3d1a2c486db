/** The `Kysely<Database>` every repository queries (embedded PGlite or a real PostgreSQL). */
export const DATABASE = Symbol('DATABASE');
