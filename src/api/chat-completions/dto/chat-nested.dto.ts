import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsPlainObject } from '../../../common/validation/openai-validators';

const str = { message: 'expected a string' };

/** `stream_options`. */
export class StreamOptionsDto {
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) include_usage?: boolean;
}

/** `response_format`: `{type: text | json_object | json_schema, json_schema?}`. */
export class ResponseFormatDto {
  @IsDefined({ message: 'is required' }) @IsString(str) type!: string;
  @IsOptional() @IsPlainObject() json_schema?: Record<string, unknown>;
}

/** `tools[].function`. */
export class FunctionDefinitionDto {
  @IsDefined({ message: 'is required' }) @IsString(str) name!: string;
  @IsOptional() @IsString(str) description?: string;
  @IsOptional() @IsPlainObject() parameters?: Record<string, unknown>;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) strict?: boolean;
}

/** `tools[]`. */
export class ToolDto {
  @IsDefined({ message: 'is required' }) @IsString(str) type!: string;
  @IsOptional() @IsPlainObject() @ValidateNested() @Type(() => FunctionDefinitionDto) function?: FunctionDefinitionDto;
}

/** `messages[].tool_calls[].function`. */
export class ToolCallFunctionDto {
  @IsDefined({ message: 'is required' }) @IsString(str) name!: string;
  @IsOptional() @IsString(str) arguments?: string;
}

/** `messages[].tool_calls[]`. */
export class ToolCallDto {
  @IsOptional() @IsString(str) id?: string;
  @IsOptional() @IsIn(['function'], { message: 'expected function' }) type?: string;
  @IsDefined({ message: 'is required' }) @IsPlainObject() @ValidateNested() @Type(() => ToolCallFunctionDto) function!: ToolCallFunctionDto;
}
