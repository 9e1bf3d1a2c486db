import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { LitellmParamsSchema } from './litellm-params.schema';
import { expected } from './validators';

/** One `model_list` entry. */
export class ModelDeploymentSchema {
  @IsDefined(expected.required)
  @IsString(expected.string)
  @IsNotEmpty(expected.nonEmpty)
  model_name!: string;

  @IsDefined(expected.required)
  @IsObject(expected.object)
  @ValidateNested()
  @Type(() => LitellmParamsSchema)
  litellm_params!: LitellmParamsSchema;

  @IsOptional() @IsObject(expected.object) model_info?: Record<string, unknown>;

  /** LiteLLM also accepts the limits beside litellm_params (as in its user_config example). */
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) rpm?: number;
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) tpm?: number;
}
