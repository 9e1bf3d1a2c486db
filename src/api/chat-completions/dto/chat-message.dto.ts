import { IsArray, IsIn, IsOptional, IsString } from 'class-validator';
import { IsMessageContent } from '../../../common/validation/openai-validators';

export const CHAT_ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;

export class ChatMessageDto {
  @IsIn(CHAT_ROLES, { message: `expected one of ${CHAT_ROLES.join(', ')}` })
  role!: (typeof CHAT_ROLES)[number];

  @IsOptional() @IsMessageContent() content?: unknown;
  @IsOptional() @IsString({ message: 'expected a string' }) name?: string;
  @IsOptional() @IsArray({ message: 'expected a list' }) tool_calls?: unknown[];
  @IsOptional() @IsString({ message: 'expected a string' }) tool_call_id?: string;
}
