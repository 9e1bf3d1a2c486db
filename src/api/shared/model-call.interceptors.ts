/**
 * Interceptors bound to every model-call controller (chat, embeddings,
 * moderations). The observability module's MetadataInterceptor joins here.
 */
export const MODEL_CALL_INTERCEPTORS: Function[] = [];
