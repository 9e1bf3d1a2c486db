import { IsArray, IsOptional, IsString } from 'class-validator';

const str = { message: 'expected a string' };

/** `metadata`: the keys the sinks read are typed (SPEC 6); any other key passes through as given. */
export class CallMetadataDto {
  @IsOptional() @IsString(str) generation_name?: string;
  @IsOptional() @IsString(str) generation_id?: string;
  @IsOptional() @IsString(str) trace_id?: string;
  @IsOptional() @IsString(str) trace_user_id?: string;
  @IsOptional() @IsString(str) session_id?: string;
  @IsOptional() @IsArray({ message: 'expected a list of strings' }) @IsString({ each: true, message: 'expected a list of strings' }) tags?: string[];

  [key: string]: unknown;
}
