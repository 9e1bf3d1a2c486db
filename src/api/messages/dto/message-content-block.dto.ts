import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { IsPlainObject } from '../../../common/validation/openai-validators';
import { IsImageSource } from './messages.validators';

const str = { message: 'expected a string' };
const is = (type: string) => (b: MessageContentBlockDto) => b.type === type;

/**
 * One content block of a message: `text`, `image`, `tool_use`,
 * `tool_result` are checked; other types (`thinking`, `document`, …) pass
 * to a native deployment as sent.
 */
export class MessageContentBlockDto {
  @IsString({ message: 'expected a content block type (text, image, tool_use, tool_result, …)' }) @IsNotEmpty({ message: 'expected a content block type' })
  type!: string;

  @ValidateIf(is('text')) @IsString(str) text?: string;

  @ValidateIf(is('image')) @IsImageSource() source?: Record<string, unknown>;

  @ValidateIf(is('tool_use')) @IsString(str) @IsNotEmpty({ message: 'expected a tool_use id' }) id?: string;
  @ValidateIf(is('tool_use')) @IsString(str) @IsNotEmpty({ message: 'expected a tool name' }) name?: string;
  @ValidateIf(is('tool_use')) @IsPlainObject({ message: 'expected an object (the tool input)' }) input?: Record<string, unknown>;

  @ValidateIf(is('tool_result')) @IsString(str) @IsNotEmpty({ message: 'expected the id of the tool_use it answers' }) tool_use_id?: string;

  /** A tool result's content: a string, or a list of blocks (text, image) checked one by one. */
  @ValidateIf((b: MessageContentBlockDto) => b.type === 'tool_result' && b.content !== undefined && typeof b.content !== 'string')
  @IsArray({ message: 'expected a string or a list of content blocks' })
  @ValidateNested({ each: true })
  @Type(() => MessageContentBlockDto)
  content?: string | MessageContentBlockDto[];

  @IsOptional() @IsBoolean({ message: 'expected true or false' }) is_error?: boolean;

  [key: string]: unknown;
}
