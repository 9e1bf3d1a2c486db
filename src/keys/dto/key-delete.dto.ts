import { IsArray, IsOptional, IsString } from 'class-validator';

/** POST /key/delete: `{keys: […]}` (keys or tokens) or `{key_aliases: […]}`. */
export class KeyDeleteDto {
  @IsOptional() @IsArray({ message: 'expected a list of keys or tokens' }) @IsString({ each: true, message: 'expected a list of keys or tokens' }) keys?: string[];
  @IsOptional() @IsArray({ message: 'expected a list of key aliases' }) @IsString({ each: true, message: 'expected a list of key aliases' }) key_aliases?: string[];
}
