import { Type } from 'class-transformer';
import { IsArray, IsIn, ValidateIf, ValidateNested } from 'class-validator';
import { MessageContentBlockDto } from './message-content-block.dto';

/** One turn of `messages`: a role and its content, a string or a list of blocks. */
export class MessageParamDto {
  @IsIn(['user', 'assistant'], { message: 'expected user or assistant' })
  role!: 'user' | 'assistant';

  @ValidateIf((m: MessageParamDto) => typeof m.content !== 'string')
  @IsArray({ message: 'expected a string or a list of content blocks' })
  @ValidateNested({ each: true })
  @Type(() => MessageContentBlockDto)
  content!: string | MessageContentBlockDto[];
}
