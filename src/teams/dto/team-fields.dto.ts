import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LimitFieldsDto } from '../../keys/dto/key-fields.dto';

/** POST /team/new (LiteLLM's fields). */
export class TeamFieldsDto extends LimitFieldsDto {
  @IsOptional() @IsString({ message: 'expected a string' }) @MinLength(1, { message: 'expected a non-empty string' }) @MaxLength(200, { message: 'expected at most 200 characters' }) team_id?: string;
  @IsOptional() @IsString({ message: 'expected a string' }) team_alias?: string;
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) blocked?: boolean;
}
