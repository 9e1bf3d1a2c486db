import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDefined, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsPlainObject } from '../../../common/validation/openai-validators';
import { GatewayParamsDto } from '../../shared/gateway-params.dto';
import { IsToolChoice } from './is-tool-choice.validator';
import { ResponseInputItemDto } from './response-input-item.dto';
import { ResponseToolDto } from './response-tool.dto';

const num = { message: 'expected a number' };

/** POST /v1/responses. Fields not listed pass through to a native (OpenAI, Azure) provider as sent. */
export class CreateResponseRequestDto extends GatewayParamsDto {
  @IsDefined({ message: 'is required' }) @IsString({ message: 'expected a string' }) @IsNotEmpty({ message: 'expected a model name' })
  model!: string;

  /** A string (one user message), or a list of items checked one by one. */
  @ValidateIf((b: CreateResponseRequestDto) => typeof b.input !== 'string')
  @IsDefined({ message: 'is required' })
  @IsArray({ message: 'expected a string or a list of input items' })
  @ValidateNested({ each: true })
  @Type(() => ResponseInputItemDto)
  input!: string | ResponseInputItemDto[];

  @IsOptional() @IsString({ message: 'expected a string' }) instructions?: string | null;

  @IsOptional() @IsArray({ message: 'expected a list of tools' }) @ValidateNested({ each: true }) @Type(() => ResponseToolDto)
  tools?: ResponseToolDto[];

  @IsOptional() @IsToolChoice() tool_choice?: unknown;
  @IsOptional() @IsNumber({}, num) @Min(0, { message: 'expected a number from 0 to 2' }) @Max(2, { message: 'expected a number from 0 to 2' }) temperature?: number;
  @IsOptional() @IsNumber({}, num) @Min(0, { message: 'expected a number from 0 to 1' }) @Max(1, { message: 'expected a number from 0 to 1' }) top_p?: number;
  @IsOptional() @IsInt({ message: 'expected a whole number' }) @Min(1, { message: 'expected at least 1' }) max_output_tokens?: number;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) parallel_tool_calls?: boolean;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) stream?: boolean;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) store?: boolean;
  @IsOptional() @IsString({ message: 'expected a response id' }) @IsNotEmpty({ message: 'expected a response id' }) previous_response_id?: string;
  @IsOptional() @IsPlainObject() text?: Record<string, unknown>;
  @IsOptional() @IsString({ message: 'expected a string' }) user?: string;

  [key: string]: unknown;
}
