import { IsDefined, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { IsModerationInput } from '../../../common/validation/openai-validators';
import { GatewayParamsDto } from '../../shared/gateway-params.dto';

/** POST /moderations. Without `model`, the gateway's moderation model is used. */
export class ModerationRequestDto extends GatewayParamsDto {
  @IsOptional() @IsString({ message: 'expected a string' }) @IsNotEmpty({ message: 'expected a model name' }) model?: string;
  @IsDefined({ message: 'is required' }) @IsModerationInput() input!: string | unknown[];

  [key: string]: unknown;
}
