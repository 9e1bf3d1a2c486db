import { IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Min } from 'class-validator';
import { expected } from './validators';

/** `general_settings`. */
export class GeneralSettingsSchema {
  @IsOptional() @IsString(expected.string) master_key?: string;
  @IsOptional() @IsBoolean(expected.boolean) allow_client_side_credentials?: boolean;
  @IsOptional() @IsArray(expected.stringList) @IsString({ each: true, ...expected.stringList }) client_side_api_base_allowlist?: string[];
  @IsOptional() @IsNumber({}, expected.positive) @Min(0.001, expected.positive) max_request_size_mb?: number;
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) shutdown_grace_seconds?: number;
  /** After readiness fails on SIGTERM, keep accepting connections this long (endpoints to update). */
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) shutdown_delay_seconds?: number;

  /** Stored Responses API responses (`store: true`): how many are kept at most, and for how long. */
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) responses_store_max_entries?: number;
  @IsOptional() @IsNumber({}, expected.positive) @Min(1, expected.positive) responses_retention_seconds?: number;

  [key: string]: unknown;
}
