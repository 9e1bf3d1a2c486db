import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsDefined, IsNotEmpty, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { GatewayParamsDto } from '../../shared/gateway-params.dto';
import { MessageParamDto } from './message-param.dto';
import { MessageToolDto } from './message-tool.dto';
import { IsMessagesToolChoice } from './messages.validators';
import { SystemBlockDto } from './system-block.dto';

/** POST /v1/messages/count_tokens, and what POST /v1/messages adds to. Other fields pass to a native deployment as sent. */
export class CountTokensRequestDto extends GatewayParamsDto {
  @IsDefined({ message: 'is required' }) @IsString({ message: 'expected a string' }) @IsNotEmpty({ message: 'expected a model name' })
  model!: string;

  @IsDefined({ message: 'is required' })
  @IsArray({ message: 'expected a list of messages' })
  @ArrayNotEmpty({ message: 'expected at least one message' })
  @ValidateNested({ each: true })
  @Type(() => MessageParamDto)
  messages!: MessageParamDto[];

  /** A string, or a list of text blocks. */
  @ValidateIf((b: CountTokensRequestDto) => b.system !== undefined && typeof b.system !== 'string')
  @IsArray({ message: 'expected a string or a list of text blocks' })
  @ValidateNested({ each: true })
  @Type(() => SystemBlockDto)
  system?: string | SystemBlockDto[];

  @IsOptional() @IsArray({ message: 'expected a list of tools' }) @ValidateNested({ each: true }) @Type(() => MessageToolDto)
  tools?: MessageToolDto[];

  @IsOptional() @IsMessagesToolChoice() tool_choice?: Record<string, unknown>;

  [key: string]: unknown;
}
