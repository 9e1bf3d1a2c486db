import { MetadataInterceptor } from '../../observability/interceptors/metadata.interceptor';

/**
 * Interceptors bound to every model-call controller (chat, embeddings,
 * moderations): the call's metadata and its event to the sinks.
 */
export const MODEL_CALL_INTERCEPTORS = [MetadataInterceptor];
