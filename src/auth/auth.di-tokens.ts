/** KeyInvalidationBus: how a key or team change reaches every replica's key cache. */
export const KEY_INVALIDATION_BUS = Symbol('KEY_INVALIDATION_BUS');
