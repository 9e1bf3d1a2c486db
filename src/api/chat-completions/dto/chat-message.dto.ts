import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsMessageContent, IsPlainObject } from '../../../common/validation/openai-validators';
import { ToolCallDto } from './chat-nested.dto';

export const CHAT_ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;

export class ChatMessageDto {
  @IsIn(CHAT_ROLES, { message: `expected one of ${CHAT_ROLES.join(', ')}` })
  role!: (typeof CHAT_ROLES)[number];

  @IsOptional() @IsMessageContent() content?: unknown;
  @IsOptional() @IsString({ message: 'expected a string' }) name?: string;
  @IsOptional() @IsArray({ message: 'expected a list' }) @IsPlainObject({ each: true, message: 'expected a list of tool calls' }) @ValidateNested({ each: true }) @Type(() => ToolCallDto) tool_calls?: ToolCallDto[];
  @IsOptional() @IsString({ message: 'expected a string' }) tool_call_id?: string;
}
