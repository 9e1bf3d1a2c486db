/** Injects the ResponsesStore (the database one when the gateway uses its database, else in memory; see responses-store.provider.ts). */
export const RESPONSES_STORE = Symbol('RESPONSES_STORE');
