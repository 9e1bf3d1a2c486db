import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { GeneralSettingsSchema } from './general-settings.schema';
import { LitellmSettingsSchema } from './litellm-settings.schema';
import { LoggingSettingsSchema } from './logging-settings.schema';
import { ModelDeploymentSchema } from './model-deployment.schema';
import { RouterSettingsSchema } from './router-settings.schema';
import { expected } from './validators';

/** The whole config file (LiteLLM-compatible), as validated at start-up. */
export class GatewayConfigSchema {
  @IsDefined(expected.required)
  @IsArray(expected.list)
  @ValidateNested({ each: true })
  @Type(() => ModelDeploymentSchema)
  model_list!: ModelDeploymentSchema[];

  @IsOptional() @IsObject(expected.object) @ValidateNested() @Type(() => RouterSettingsSchema)
  router_settings?: RouterSettingsSchema;

  @IsOptional() @IsObject(expected.object) @ValidateNested() @Type(() => GeneralSettingsSchema)
  general_settings?: GeneralSettingsSchema;

  @IsOptional() @IsObject(expected.object) @ValidateNested() @Type(() => LitellmSettingsSchema)
  litellm_settings?: LitellmSettingsSchema;

  @IsOptional() @IsObject(expected.object) @ValidateNested() @Type(() => LoggingSettingsSchema)
  logging?: LoggingSettingsSchema;
}
