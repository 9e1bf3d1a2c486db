import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';

/** GET /spend/logs (LiteLLM's filters; `api_key` is a key or its token). */
export class SpendLogsQueryDto {
  @IsOptional() @IsString({ message: 'expected a key or token' }) api_key?: string;
  @IsOptional() @IsString({ message: 'expected a team id' }) team_id?: string;
  @IsOptional() @IsString({ message: 'expected a request id' }) request_id?: string;
  @IsOptional() @IsISO8601({}, { message: 'expected a date (YYYY-MM-DD) or an ISO time' }) start_date?: string;
  @IsOptional() @IsISO8601({}, { message: 'expected a date (YYYY-MM-DD) or an ISO time' }) end_date?: string;
  @IsOptional() @Type(() => Number) @IsInt({ message: 'expected a whole number from 1' }) @Min(1, { message: 'expected a whole number from 1' }) page?: number;
  @IsOptional() @Type(() => Number) @IsInt({ message: 'expected a whole number from 1 to 1000' }) @Min(1, { message: 'expected a whole number from 1 to 1000' }) @Max(1000, { message: 'expected a whole number from 1 to 1000' })
  page_size?: number;
}
