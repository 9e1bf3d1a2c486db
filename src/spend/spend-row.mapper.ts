import type { CallRecord } from '../common/context/call-record';
import type { NewSpendLogRow } from '../storage/database.types';

const tagsOf = (metadata: Record<string, unknown> | undefined): string[] =>
  Array.isArray(metadata?.tags) ? metadata.tags.filter((t): t is string => typeof t === 'string').slice(0, 50) : [];

/**
 * The spend row of a finished virtual-key call (SPEC 11). A call that failed
 * before any usage was reported cost nothing (0); a call with usage but no
 * known price is null, never 0.
 */
export function toSpendRow(call: CallRecord, endedAtEpochMs: number): NewSpendLogRow | undefined {
  const key = call.caller?.kind === 'virtual' ? call.caller.key : undefined;
  if (!key) return undefined;
  const usage = call.usage;
  const failed = call.error !== undefined || call.clientAborted === true || (call.httpStatus ?? 200) >= 400;
  const cost = call.cost !== undefined ? call.cost : usage ? null : 0;
  return {
    request_id: call.requestId,
    api_key: key.token,
    key_alias: key.key_alias,
    team_id: key.team_id,
    user_id: key.user_id,
    model: call.model ?? null,
    deployment_id: call.deploymentId ?? null,
    provider: call.provider ?? null,
    route: call.route ?? null,
    prompt_tokens: usage?.prompt_tokens ?? 0,
    completion_tokens: usage?.completion_tokens ?? 0,
    total_tokens: usage?.total_tokens ?? 0,
    cost,
    status: failed ? 'failure' : 'success',
    start_time: new Date(call.startedAtEpochMs).toISOString(),
    end_time: new Date(endedAtEpochMs).toISOString(),
    tags: JSON.stringify(tagsOf(call.metadata)),
  };
}
