/** Injects the ResponsesStore (in memory until the gateway's database holds them). */
export const RESPONSES_STORE = Symbol('RESPONSES_STORE');
