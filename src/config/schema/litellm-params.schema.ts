import { IsBoolean, IsDefined, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Min } from 'class-validator';
import { expected, IsStringRecord } from './validators';

/** `model_list[].litellm_params`: how to reach one deployment. Unknown keys are kept for adapters. */
export class LitellmParamsSchema {
  @IsDefined(expected.required)
  @IsString(expected.string)
  @IsNotEmpty(expected.nonEmpty)
  model!: string;

  @IsOptional() @IsString(expected.string) api_base?: string;
  @IsOptional() @IsString(expected.string) api_key?: string;
  @IsOptional() @IsString(expected.string) api_version?: string;
  @IsOptional() @IsString(expected.string) organization?: string;
  @IsOptional() @IsNumber({}, expected.positive) @Min(0.001, expected.positive) timeout?: number;
  @IsOptional() @IsNumber({}, expected.positive) @Min(0.001, expected.positive) stream_timeout?: number;
  @IsOptional() @IsInt(expected.integer) @Min(0, expected.nonNegative) max_retries?: number;
  @IsOptional() @IsInt(expected.integer) @Min(0, expected.nonNegative) num_retries?: number;
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) rpm?: number;
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) tpm?: number;
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) weight?: number;
  @IsOptional() @IsString(expected.string) mock_response?: string;
  @IsOptional() @IsBoolean(expected.boolean) drop_params?: boolean;
  @IsOptional() @IsStringRecord() extra_headers?: Record<string, string>;
  @IsOptional() @IsString(expected.string) aws_access_key_id?: string;
  @IsOptional() @IsString(expected.string) aws_secret_access_key?: string;
  @IsOptional() @IsString(expected.string) aws_session_token?: string;
  @IsOptional() @IsString(expected.string) aws_region_name?: string;
  @IsOptional() @IsString(expected.string) aws_bedrock_runtime_endpoint?: string;
  @IsOptional() @IsString(expected.string) aws_sagemaker_runtime_endpoint?: string;
  /** USD per token (LiteLLM's keys); also read from `model_info`. */
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) input_cost_per_token?: number;
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) output_cost_per_token?: number;

  [key: string]: unknown;
}
