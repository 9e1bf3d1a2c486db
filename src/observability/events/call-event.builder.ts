import type { CallRecord } from '../../common/context/call-record';
import type { CallEvent, CallEventError, CallEventMetadata } from './call-event';
import { secretMasker } from '../redaction/secret-masker';
import { traceIdFromTraceparent } from './traceparent.parser';

export interface BuildOptions {
  /** `logging.redact_content`: leave the messages and the answer out of the event. */
  redactContent: boolean;
  /** performance.now() when the response (or stream) ended. */
  endedAt: number;
}

/** nginx's convention for "the client closed the connection before we answered". */
export const CLIENT_CLOSED_REQUEST = 499;

const CLIENT_DISCONNECTED: CallEventError = {
  type: 'client_disconnected',
  message: 'the client closed the connection before the response ended',
  code: 'client_disconnected',
};

const round1 = (ms: number): number => Math.round(ms * 10) / 10;

/**
 * Turns a finished call into its SPEC 9 event. Pure: no clock, no I/O; the
 * caller passes the end time. Secrets are removed later by the redactor,
 * which every event passes through on its way to the sinks.
 */
export function buildCallEvent(call: CallRecord, options: BuildOptions): CallEvent {
  const aborted = call.clientAborted === true && !call.error;
  const httpStatus = aborted ? CLIENT_CLOSED_REQUEST : (call.httpStatus ?? (call.error ? call.error.status : 200));
  const failed = call.error !== undefined || aborted || httpStatus >= 400;
  const event: CallEvent = {
    request_id: call.requestId,
    timestamp: new Date(call.startedAtEpochMs).toISOString(),
    route: call.route ?? null,
    model: call.model ?? null,
    deployment_id: call.deploymentId ?? null,
    provider: call.provider ?? null,
    upstream_model: call.upstreamModel ?? null,
    status: failed ? 'failure' : 'success',
    http_status: httpStatus,
    response_ms: round1(Math.max(0, options.endedAt - call.startedAt)),
    time_to_first_token_ms: call.firstTokenAt === undefined ? null : round1(Math.max(0, call.firstTokenAt - call.startedAt)),
    attempts: call.attempts,
    fallback_from: call.fallbackFrom ?? null,
    stream: call.stream,
    usage: call.usage ?? null,
    metadata: metadataOf(call),
    key_alias: call.keyAlias ?? null,
    team_id: call.teamId ?? null,
    cost: call.cost ?? null,
    error: call.error ? errorOf(call) : aborted ? CLIENT_DISCONNECTED : null,
  };
  if (!options.redactContent) {
    event.input = call.input ?? null;
    // The answer is provider text: it may echo the caller's own key (the sinks mask the gateway's keys).
    event.output = call.secrets?.length ? secretMasker.redact(call.output ?? null, call.secrets) : (call.output ?? null);
  }
  return event;
}

/** The call's error with the caller's own secrets masked (the gateway's are masked by the sinks' redaction). */
function errorOf(call: CallRecord): CallEventError {
  const error = call.error!;
  const secrets = call.secrets;
  return {
    type: error.type,
    message: secrets?.length ? secretMasker.mask(error.message, secrets) : error.message,
    code: secrets?.length && error.code ? secretMasker.mask(error.code, secrets) : error.code,
  };
}

/** The caller's metadata, with `trace_id` taken from `traceparent` when the caller sent none. */
function metadataOf(call: CallRecord): CallEventMetadata {
  const metadata: CallEventMetadata = { ...(call.metadata ?? {}) };
  if (metadata.trace_id === undefined || metadata.trace_id === null || metadata.trace_id === '') {
    const traceId = traceIdFromTraceparent(call.traceparent);
    if (traceId) metadata.trace_id = traceId;
  }
  return metadata;
}
