import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { IsNumberRecord, IsPlainObject, IsStop } from '../../../common/validation/openai-validators';
import { StreamOptionsDto } from '../../chat-completions/dto/chat-nested.dto';
import { GatewayParamsDto } from '../../shared/gateway-params.dto';
import { IsPrompt } from './prompt.validator';

const num = { message: 'expected a number' };
const int = { message: 'expected a whole number' };
const range = (lo: number, hi: number) => ({ message: `expected a number from ${lo} to ${hi}` });

/** POST /completions (the legacy Completions API). Fields not listed pass through to the provider as sent. */
export class CompletionRequestDto extends GatewayParamsDto {
  @IsDefined({ message: 'is required' })
  @IsString({ message: 'expected a string' })
  @IsNotEmpty({ message: 'expected a model name' })
  model!: string;

  @IsDefined({ message: 'is required' }) @IsPrompt() prompt!: string | string[] | number[] | number[][];

  @IsOptional() @IsString({ message: 'expected a string' }) suffix?: string;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) echo?: boolean;
  @IsOptional() @IsInt(int) @Min(0, range(0, 5)) @Max(5, range(0, 5)) logprobs?: number;
  @IsOptional() @IsInt(int) @Min(1, range(1, 20)) @Max(20, range(1, 20)) best_of?: number;
  @IsOptional() @IsInt(int) @Min(0, { message: 'expected a number ≥ 0' }) max_tokens?: number;
  @IsOptional() @IsNumber({}, num) @Min(0, range(0, 2)) @Max(2, range(0, 2)) temperature?: number;
  @IsOptional() @IsNumber({}, num) @Min(0, range(0, 1)) @Max(1, range(0, 1)) top_p?: number;
  @IsOptional() @IsInt(int) @Min(1, { message: 'expected at least 1' }) @Max(128, { message: 'expected at most 128' }) n?: number;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) stream?: boolean;
  @IsOptional() @IsPlainObject() @ValidateNested() @Type(() => StreamOptionsDto) stream_options?: StreamOptionsDto;
  @IsOptional() @IsStop() stop?: string | string[];
  @IsOptional() @IsNumber({}, num) @Min(-2, range(-2, 2)) @Max(2, range(-2, 2)) presence_penalty?: number;
  @IsOptional() @IsNumber({}, num) @Min(-2, range(-2, 2)) @Max(2, range(-2, 2)) frequency_penalty?: number;
  @IsOptional() @IsNumberRecord() logit_bias?: Record<string, number>;
  @IsOptional() @IsInt(int) seed?: number;
  @IsOptional() @IsString({ message: 'expected a string' }) user?: string;

  [key: string]: unknown;
}
