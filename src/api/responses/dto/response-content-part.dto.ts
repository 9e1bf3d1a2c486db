import { IsIn, IsOptional, IsString, ValidateIf } from 'class-validator';

export const CONTENT_PART_TYPES = ['input_text', 'input_image', 'input_file', 'output_text', 'refusal'] as const;
const str = { message: 'expected a string' };

/** One part of a message's `content` list. */
export class ResponseContentPartDto {
  @IsIn(CONTENT_PART_TYPES, { message: `expected one of ${CONTENT_PART_TYPES.join(', ')}` })
  type!: (typeof CONTENT_PART_TYPES)[number];

  @ValidateIf((p: ResponseContentPartDto) => p.type === 'input_text' || p.type === 'output_text') @IsString(str) text?: string;
  @ValidateIf((p: ResponseContentPartDto) => p.type === 'input_image' && p.file_id === undefined) @IsString(str) image_url?: string;
  @IsOptional() @IsString(str) file_id?: string;
  @IsOptional() @IsIn(['auto', 'low', 'high'], { message: 'expected one of auto, low, high' }) detail?: string;
  @ValidateIf((p: ResponseContentPartDto) => p.type === 'refusal') @IsString(str) refusal?: string;
}
