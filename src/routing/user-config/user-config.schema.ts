import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsDefined, ValidateNested } from 'class-validator';
import { ModelDeploymentSchema } from '../../config/schema/model-deployment.schema';
import { RouterSettingsSchema } from '../../config/schema/router-settings.schema';

/** A per-request `user_config`: LiteLLM's RouterConfig subset, validated like the config file. */
export class UserConfigSchema extends RouterSettingsSchema {
  @IsDefined({ message: 'is required' })
  @IsArray({ message: 'expected a list' })
  @ArrayMinSize(1, { message: 'expected at least one deployment' })
  @ValidateNested({ each: true })
  @Type(() => ModelDeploymentSchema)
  model_list!: ModelDeploymentSchema[];
}
