import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsDefined, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { IsPlainObject, IsStop } from '../../../common/validation/openai-validators';
import { GatewayParamsDto } from '../../shared/gateway-params.dto';
import { ChatMessageDto } from './chat-message.dto';

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
  @IsOptional() @IsPlainObject() stream_options?: { include_usage?: boolean };
  @IsOptional() @IsNumber({}, num) @Min(0, { message: 'expected a number from 0 to 2' }) @Max(2, { message: 'expected a number from 0 to 2' }) temperature?: number;
  @IsOptional() @IsNumber({}, num) @Min(0, { message: 'expected a number from 0 to 1' }) @Max(1, { message: 'expected a number from 0 to 1' }) top_p?: number;
  @IsOptional() @IsInt(int) @Min(1, { message: 'expected at least 1' }) @Max(128, { message: 'expected at most 128' }) n?: number;
  @IsOptional() @IsInt(int) @Min(1, { message: 'expected at least 1' }) max_tokens?: number;
  @IsOptional() @IsInt(int) @Min(1, { message: 'expected at least 1' }) max_completion_tokens?: number;
  @IsOptional() @IsStop() stop?: string | string[];
  @IsOptional() @IsNumber({}, num) @Min(-2, { message: 'expected a number from -2 to 2' }) @Max(2, { message: 'expected a number from -2 to 2' }) presence_penalty?: number;
  @IsOptional() @IsNumber({}, num) @Min(-2, { message: 'expected a number from -2 to 2' }) @Max(2, { message: 'expected a number from -2 to 2' }) frequency_penalty?: number;
  @IsOptional() @IsArray({ message: 'expected a list of tools' }) tools?: unknown[];
  @IsOptional() @IsString({ message: 'expected a string' }) user?: string;

  [key: string]: unknown;
}
