import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsDefined, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { IsChoice, IsNumberRecord, IsPlainObject, IsStop } from '../../../common/validation/openai-validators';
import { GatewayParamsDto } from '../../shared/gateway-params.dto';
import { ChatMessageDto } from './chat-message.dto';
import { ResponseFormatDto, StreamOptionsDto, ToolDto } from './chat-nested.dto';

const num = { message: 'expected a number' };
const int = { message: 'expected a whole number' };

/** POST /chat/completions. Fields not listed pass through to the provider as sent. */
export class ChatCompletionRequestDto extends GatewayParamsDto {
  @IsDefined({ message: 'is required' }) @IsString({ message: 'expected a string' }) @IsNotEmpty({ message: 'expected a model name' })
  model!: string;

  @IsDefined({ message: 'is required' })
  @IsArray({ message: 'expected a list of messages' })
  @ArrayMinSize(1, { message: 'expected at least one message' })
  @ValidateNested({ each: true })
  @Type(() => ChatMessageDto)
  messages!: ChatMessageDto[];

  @IsOptional() @IsBoolean({ message: 'expected true or false' }) stream?: boolean;
  @IsOptional() @IsPlainObject() @ValidateNested() @Type(() => StreamOptionsDto) stream_options?: StreamOptionsDto;
  @IsOptional() @IsPlainObject() @ValidateNested() @Type(() => ResponseFormatDto) response_format?: ResponseFormatDto;
  @IsOptional() @IsNumber({}, num) @Min(0, { message: 'expected a number from 0 to 2' }) @Max(2, { message: 'expected a number from 0 to 2' }) temperature?: number;
  @IsOptional() @IsNumber({}, num) @Min(0, { message: 'expected a number from 0 to 1' }) @Max(1, { message: 'expected a number from 0 to 1' }) top_p?: number;
  @IsOptional() @IsInt(int) @Min(1, { message: 'expected at least 1' }) @Max(128, { message: 'expected at most 128' }) n?: number;
  @IsOptional() @IsInt(int) @Min(1, { message: 'expected at least 1' }) max_tokens?: number;
  @IsOptional() @IsInt(int) @Min(1, { message: 'expected at least 1' }) max_completion_tokens?: number;
  @IsOptional() @IsStop() stop?: string | string[];
  @IsOptional() @IsNumber({}, num) @Min(-2, { message: 'expected a number from -2 to 2' }) @Max(2, { message: 'expected a number from -2 to 2' }) presence_penalty?: number;
  @IsOptional() @IsNumber({}, num) @Min(-2, { message: 'expected a number from -2 to 2' }) @Max(2, { message: 'expected a number from -2 to 2' }) frequency_penalty?: number;
  @IsOptional() @IsArray({ message: 'expected a list of tools' }) @IsPlainObject({ each: true, message: 'expected a list of tools' }) @ValidateNested({ each: true }) @Type(() => ToolDto) tools?: ToolDto[];
  @IsOptional() @IsChoice() tool_choice?: unknown;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) parallel_tool_calls?: boolean;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) logprobs?: boolean;
  @IsOptional() @IsInt(int) @Min(0, { message: 'expected a number from 0 to 20' }) @Max(20, { message: 'expected a number from 0 to 20' }) top_logprobs?: number;
  @IsOptional() @IsInt(int) seed?: number;
  @IsOptional() @IsNumberRecord() logit_bias?: Record<string, number>;
  @IsOptional() @IsString({ message: 'expected a string' }) user?: string;

  [key: string]: unknown;
}
