import { ArrayMinSize, IsArray, IsString } from 'class-validator';

/** POST /team/delete: `{team_ids: […]}`. */
export class TeamDeleteDto {
  @IsArray({ message: 'expected a list of team ids' }) @ArrayMinSize(1, { message: 'expected at least one team id' }) @IsString({ each: true, message: 'expected a list of team ids' }) team_ids!: string[];
}
