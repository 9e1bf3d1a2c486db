import { randomBytes } from 'node:crypto';

/** Ids shaped like OpenAI's (`resp_…`, `msg_…`, `fc_…`): a prefix and 48 hex digits. */
export function newItemId(prefix: 'resp' | 'msg' | 'fc'): string {
  return `${prefix}_${randomBytes(24).toString('hex')}`;
}
