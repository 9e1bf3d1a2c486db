/**
 * The slice of Langfuse's ingestion API (`POST /api/public/ingestion`) the
 * gateway sends. Field names follow the public OpenAPI spec
 * (TraceBody, CreateGenerationBody, IngestionUsage, UsageDetails).
 */
export interface LangfuseTraceBody {
  id: string;
  timestamp: string;
  name?: string;
  userId?: string;
  sessionId?: string;
  tags?: string[];
  metadata?: Record<string, unknown>;
}

export interface LangfuseGenerationBody {
  id: string;
  traceId: string;
  name: string;
  startTime: string;
  endTime: string;
  completionStartTime?: string;
  model?: string;
  input?: unknown;
  output?: unknown;
  /** Legacy usage object, still read by older self-hosted servers. */
  usage?: { input: number; output: number; total: number; unit: 'TOKENS' };
  /** Current usage field: usage type → units. */
  usageDetails?: Record<string, number>;
  level: 'DEFAULT' | 'ERROR';
  statusMessage?: string;
  metadata: Record<string, unknown>;
}

export type LangfuseIngestionEvent =
  | { id: string; timestamp: string; type: 'trace-create'; body: LangfuseTraceBody }
  | { id: string; timestamp: string; type: 'generation-create'; body: LangfuseGenerationBody };

export interface LangfuseIngestionRequest {
  batch: LangfuseIngestionEvent[];
}
