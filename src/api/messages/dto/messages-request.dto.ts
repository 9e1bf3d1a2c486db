import { IsArray, IsBoolean, IsDefined, IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { CountTokensRequestDto } from './count-tokens-request.dto';

const num = { message: 'expected a number' };

/** POST /v1/messages (Anthropic's Messages request). */
export class MessagesRequestDto extends CountTokensRequestDto {
  @IsDefined({ message: 'is required' }) @IsInt({ message: 'expected a whole number' }) @Min(1, { message: 'expected at least 1' })
  max_tokens!: number;

  @IsOptional() @IsArray({ message: 'expected a list of strings' }) @IsString({ each: true, message: 'expected a list of strings' })
  stop_sequences?: string[];

  @IsOptional() @IsNumber({}, num) @Min(0, { message: 'expected a number from 0 to 1' }) @Max(1, { message: 'expected a number from 0 to 1' }) temperature?: number;
  @IsOptional() @IsNumber({}, num) @Min(0, { message: 'expected a number from 0 to 1' }) @Max(1, { message: 'expected a number from 0 to 1' }) top_p?: number;
  @IsOptional() @IsInt({ message: 'expected a whole number' }) @Min(0, { message: 'expected a number ≥ 0' }) top_k?: number;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) stream?: boolean;
}
