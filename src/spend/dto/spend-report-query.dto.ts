import { IsDefined, IsIn, IsISO8601, IsOptional } from 'class-validator';

export const REPORT_GROUPS = ['team', 'key', 'api_key', 'model'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** GET /spend/report: spend per day, grouped by team, key or model, between two dates (inclusive). */
export class SpendReportQueryDto {
  @IsDefined({ message: 'is required' }) @IsISO8601({}, { message: 'expected a date (YYYY-MM-DD)' }) start_date!: string;
  @IsDefined({ message: 'is required' }) @IsISO8601({}, { message: 'expected a date (YYYY-MM-DD)' }) end_date!: string;
  @IsOptional() @IsIn(REPORT_GROUPS, { message: `expected one of ${REPORT_GROUPS.join(', ')}` }) group_by?: ReportGroup;
}
