import { IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Min } from 'class-validator';
import { expected } from './validators';

/** `general_settings`. */
export class GeneralSettingsSchema {
  @IsOptional() @IsString(expected.string) master_key?: string;
  @IsOptional() @IsBoolean(expected.boolean) allow_client_side_credentials?: boolean;
  @IsOptional() @IsArray(expected.stringList) @IsString({ each: true, ...expected.stringList }) client_side_api_base_allowlist?: string[];
  @IsOptional() @IsNumber({}, expected.positive) @Min(0.001, expected.positive) max_request_size_mb?: number;
  /** Most levels of objects and lists in a request body (default 64); deeper is a 400 naming where. */
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) max_request_json_depth?: number;
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) shutdown_grace_seconds?: number;
  /** After readiness fails on SIGTERM, keep accepting connections this long (endpoints to update). */
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) shutdown_delay_seconds?: number;
  /** Internal calls through a shadow app before readiness turns 200 (default 300; 0 = off). */
  @IsOptional() @IsInt(expected.integer) @Min(0, expected.nonNegative) warmup_requests?: number;

  /** PostgreSQL for keys, teams and spend (else DATABASE_URL, else the embedded database). */
  @IsOptional() @IsString(expected.string) database_url?: string;
  /** Folder of the embedded database when no database_url is set (default `data/`). */
  @IsOptional() @IsString(expected.string) database_path?: string;
  /** Stored Responses API responses (`store: true`): how many are kept at most, and for how long. */
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) responses_store_max_entries?: number;
  @IsOptional() @IsNumber({}, expected.positive) @Min(1, expected.positive) responses_retention_seconds?: number;

  /** Spend rows older than this (`30d`, `12h`, …) are deleted (LiteLLM's name). */
  @IsOptional() @IsString(expected.string) maximum_spend_logs_retention_period?: string;

  [key: string]: unknown;
}
