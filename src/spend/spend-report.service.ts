import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { SpendLogsQueryDto } from './dto/spend-logs-query.dto';
import type { SpendReportQueryDto } from './dto/spend-report-query.dto';
import { SpendQueryRepository } from './spend-query.repository';
import { toSpendLogView, toSpendReport } from './spend-view.mapper';

const DAY_MS = 86_400_000;
/** A bare date as an end bound means the whole of that day. */
const endBound = (text: string): Date => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(Date.parse(text) + DAY_MS) : new Date(text));
const dayOf = (text: string): string => new Date(text).toISOString().slice(0, 10);

/** GET /spend/logs and /spend/report (SPEC 11), in LiteLLM's shapes. */
@Injectable()
export class SpendReportService {
  constructor(private readonly queries: SpendQueryRepository) {}

  async logs(q: SpendLogsQueryDto) {
    const page = q.page ?? 1;
    const pageSize = q.page_size ?? 50;
    // A key (sk-…) is looked up by its SHA-256, the token stored; a token is taken as it is.
    const token = q.api_key?.startsWith('sk-') ? createHash('sha256').update(q.api_key).digest('hex') : q.api_key;
    const { rows, total } = await this.queries.logs(
      { apiKeyToken: token, teamId: q.team_id, requestId: q.request_id, from: q.start_date ? new Date(q.start_date) : undefined, to: q.end_date ? endBound(q.end_date) : undefined },
      (page - 1) * pageSize,
      pageSize,
    );
    return { data: rows.map(toSpendLogView), total, page, page_size: pageSize, total_pages: Math.ceil(total / pageSize) };
  }

  async report(q: SpendReportQueryDto) {
    return toSpendReport(await this.queries.daily(dayOf(q.start_date), dayOf(q.end_date)), q.group_by ?? 'team');
  }
}
