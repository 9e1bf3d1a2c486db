import { IsArray, IsInt, IsNumber, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { IsPlainObject } from '../../common/validation/openai-validators';
import { DURATION_PATTERN } from '../duration';

const DURATION = { message: "expected a duration such as '30s', '15m', '1h', '7d' or '30d'" };
const COUNT = { message: 'expected a whole number' };
const NON_NEGATIVE = { message: 'expected a number ≥ 0' };

/** The limits a key and a team share. */
export class LimitFieldsDto {
  @IsOptional() @IsArray({ message: 'expected a list of model names' }) @IsString({ each: true, message: 'expected a list of model names' }) models?: string[];
  @IsOptional() @IsNumber({}, { message: 'expected a number (USD)' }) @Min(0, NON_NEGATIVE) max_budget?: number;
  @IsOptional() @IsString(DURATION) @Matches(DURATION_PATTERN, DURATION) budget_duration?: string;
  @IsOptional() @IsInt(COUNT) @Min(0, NON_NEGATIVE) rpm_limit?: number;
  @IsOptional() @IsInt(COUNT) @Min(0, NON_NEGATIVE) tpm_limit?: number;
  @IsOptional() @IsPlainObject() metadata?: Record<string, unknown>;
}

/** POST /key/generate (LiteLLM's fields). */
export class KeyFieldsDto extends LimitFieldsDto {
  @IsOptional() @IsString({ message: 'expected a string' }) @MinLength(1, { message: 'expected a non-empty string' }) @MaxLength(200, { message: 'expected at most 200 characters' }) key_alias?: string;
  @IsOptional() @IsString({ message: 'expected a string' }) @MinLength(1, { message: 'expected a non-empty string' }) team_id?: string;
  @IsOptional() @IsString({ message: 'expected a string' }) user_id?: string;
  @IsOptional() @IsString(DURATION) @Matches(DURATION_PATTERN, DURATION) duration?: string;
  @IsOptional() @IsInt(COUNT) @Min(0, NON_NEGATIVE) max_parallel_requests?: number;
}
