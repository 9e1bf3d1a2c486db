import { IsArray, IsBoolean, IsDefined, IsNotEmpty, IsOptional, IsString } from 'class-validator';

/**
 * POST /admin/routes/explain: an OpenAI request body as a client would send
 * it. Only the fields routing reads are checked; the rest is ignored.
 */
export class ExplainRequestDto {
  @IsDefined({ message: 'is required' }) @IsString({ message: 'expected a string' }) @IsNotEmpty({ message: 'expected a model name' })
  model!: string;

  @IsOptional() @IsArray({ message: 'expected a list of messages' }) messages?: Array<{ content?: unknown }>;
  @IsOptional() @IsArray({ message: 'expected a list of model names' }) @IsString({ each: true, message: 'expected a list of model names' }) fallbacks?: string[];
  @IsOptional() @IsBoolean({ message: 'expected true or false' }) disable_fallbacks?: boolean;

  [key: string]: unknown;
}
