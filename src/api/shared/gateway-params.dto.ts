import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsPlainObject } from '../../common/validation/openai-validators';
import { CallMetadataDto } from './call-metadata.dto';

/** The gateway's own body fields, accepted on every model call (SPEC 6); never sent upstream. */
export class GatewayParamsDto {
  @IsOptional() @IsPlainObject() @ValidateNested() @Type(() => CallMetadataDto) metadata?: CallMetadataDto;
  @IsOptional() @IsPlainObject() user_config?: Record<string, unknown>;
  /** Sent in a header: printable ASCII only (a control character would fail the upstream call, not the request). */
  @IsOptional() @IsString({ message: 'expected a string' }) @Matches(/^[\x20-\x7e]*$/, { message: 'expected printable ASCII characters' }) api_key?: string;
  @IsOptional() @IsString({ message: 'expected a string' }) api_base?: string;
  @IsOptional() @IsString({ message: 'expected a string' }) base_url?: string;
  @IsOptional() @IsString({ message: 'expected a string' }) api_version?: string;
  @IsOptional() @IsInt({ message: 'expected a whole number' }) @Min(0, { message: 'expected a number ≥ 0' }) @Max(10, { message: 'expected at most 10' }) num_retries?: number;
  @IsOptional() @IsArray({ message: 'expected a list of model names' }) @IsString({ each: true, message: 'expected a list of model names' }) fallbacks?: string[];
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) disable_fallbacks?: boolean;
  @IsOptional() @IsNumber({}, { message: 'expected a number of seconds' }) @Min(0.001, { message: 'expected a number of seconds > 0' }) timeout?: number;
}

/** Removed from a body before it goes to a provider. */
export const GATEWAY_ONLY_FIELDS = [
  'metadata',
  'user_config',
  'api_key',
  'api_base',
  'base_url',
  'api_version',
  'num_retries',
  'fallbacks',
  'context_window_fallbacks',
  'disable_fallbacks',
  'timeout',
] as const;

export function withoutGatewayFields<T extends object>(body: T): T {
  const copy = { ...body } as Record<string, unknown>;
  for (const f of GATEWAY_ONLY_FIELDS) delete copy[f];
  return copy as T;
}
