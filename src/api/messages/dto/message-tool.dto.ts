import { IsNotEmpty, IsOptional, IsString, ValidateIf } from 'class-validator';
import { IsPlainObject } from '../../../common/validation/openai-validators';

const str = { message: 'expected a string' };

/** A tool the model may call: the caller's own (`input_schema` required), or one of Anthropic's server tools (`type`). */
export class MessageToolDto {
  @IsOptional() @IsString(str) type?: string;
  @IsString(str) @IsNotEmpty({ message: 'expected a tool name' }) name!: string;
  @IsOptional() @IsString(str) description?: string;

  @ValidateIf((t: MessageToolDto) => t.type === undefined || t.type === 'custom')
  @IsPlainObject({ message: 'expected a JSON schema object' })
  input_schema?: Record<string, unknown>;

  [key: string]: unknown;
}
