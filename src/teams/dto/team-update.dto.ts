import { IsString, MinLength } from 'class-validator';
import { TeamFieldsDto } from './team-fields.dto';

/** POST /team/update: `team_id` and any field to change. */
export class TeamUpdateDto extends TeamFieldsDto {
  @IsString({ message: 'expected a team id' }) @MinLength(1, { message: 'expected a team id' }) declare team_id: string;
}
