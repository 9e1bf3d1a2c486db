import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { ResponseContentPartDto } from './response-content-part.dto';

export const INPUT_ITEM_TYPES = ['message', 'function_call', 'function_call_output', 'reasoning', 'item_reference'] as const;
export const INPUT_ROLES = ['user', 'assistant', 'system', 'developer'] as const;
const str = { message: 'expected a string' };

const isMessage = (i: ResponseInputItemDto) => i.type === undefined || i.type === 'message';
const isCall = (i: ResponseInputItemDto) => i.type === 'function_call';
const isCallOutput = (i: ResponseInputItemDto) => i.type === 'function_call_output';

/**
 * One item of `input`: a message (`type` may be left out), a
 * `function_call` the model made, or a `function_call_output` answering it.
 */
export class ResponseInputItemDto {
  @IsOptional() @IsIn(INPUT_ITEM_TYPES, { message: `expected one of ${INPUT_ITEM_TYPES.join(', ')}` })
  type?: (typeof INPUT_ITEM_TYPES)[number];

  @ValidateIf(isMessage) @IsIn(INPUT_ROLES, { message: `expected one of ${INPUT_ROLES.join(', ')}` })
  role?: string;

  /** A string, or a list of parts (checked part by part). */
  @ValidateIf((i: ResponseInputItemDto) => isMessage(i) && typeof i.content !== 'string')
  @IsArray({ message: 'expected a string or a list of content parts' })
  @ValidateNested({ each: true })
  @Type(() => ResponseContentPartDto)
  content?: string | ResponseContentPartDto[];

  @ValidateIf((i: ResponseInputItemDto) => isCall(i) || isCallOutput(i)) @IsString(str) call_id?: string;
  @ValidateIf(isCall) @IsString(str) name?: string;
  @ValidateIf(isCall) @IsString({ message: 'expected a string (the arguments as JSON)' }) arguments?: string;

  @ValidateIf((i: ResponseInputItemDto) => isCallOutput(i) && typeof i.output !== 'string')
  @IsArray({ message: 'expected a string or a list of content parts' })
  @ValidateNested({ each: true })
  @Type(() => ResponseContentPartDto)
  output?: string | ResponseContentPartDto[];

  @IsOptional() @IsString(str) id?: string;
}
