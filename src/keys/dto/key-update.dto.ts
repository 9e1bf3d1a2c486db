import { IsBoolean, IsOptional, IsString, MinLength } from 'class-validator';
import { KeyFieldsDto } from './key-fields.dto';

/** POST /key/update: `key` (the key or its token) and any field to change. */
export class KeyUpdateDto extends KeyFieldsDto {
  @IsString({ message: 'expected the key or its token' }) @MinLength(1, { message: 'expected the key or its token' }) key!: string;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) blocked?: boolean;
}
