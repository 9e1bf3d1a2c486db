import { IsIn, IsString } from 'class-validator';

/** One block of `system` when it is a list: text only. */
export class SystemBlockDto {
  @IsIn(['text'], { message: 'expected text (system blocks hold text only)' }) type!: 'text';
  @IsString({ message: 'expected a string' }) text!: string;

  [key: string]: unknown;
}
