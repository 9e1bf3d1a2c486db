import { IsArray, IsBoolean, IsNumber, IsOptional, IsString, Min } from 'class-validator';
import { expected } from './validators';

/** `litellm_settings`: the parts the gateway honours. */
export class LitellmSettingsSchema {
  @IsOptional() @IsBoolean(expected.boolean) drop_params?: boolean;
  @IsOptional() @IsArray(expected.stringList) @IsString({ each: true, ...expected.stringList }) success_callback?: string[];
  @IsOptional() @IsArray(expected.stringList) @IsString({ each: true, ...expected.stringList }) failure_callback?: string[];
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) num_retries?: number;
  @IsOptional() @IsNumber({}, expected.positive) @Min(0.001, expected.positive) request_timeout?: number;

  [key: string]: unknown;
}
