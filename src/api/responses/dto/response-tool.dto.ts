import { IsBoolean, IsDefined, IsOptional, IsString, ValidateIf } from 'class-validator';
import { IsPlainObject } from '../../../common/validation/openai-validators';

/** One entry of `tools`. Function tools are checked; other tool types are left to the provider (native) or refused (bridged). */
export class ResponseToolDto {
  @IsDefined({ message: 'is required' }) @IsString({ message: 'expected a string' }) type!: string;
  @ValidateIf((t: ResponseToolDto) => t.type === 'function') @IsString({ message: 'expected the function name' }) name?: string;
  @IsOptional() @IsString({ message: 'expected a string' }) description?: string | null;
  @IsOptional() @IsPlainObject() parameters?: Record<string, unknown> | null;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) strict?: boolean | null;
}
