import { IsString, MinLength } from 'class-validator';

/** `{key}`: the key itself or its token (block, unblock, regenerate). */
export class KeyRefDto {
  @IsString({ message: 'expected the key or its token' }) @MinLength(1, { message: 'expected the key or its token' }) key!: string;
}
