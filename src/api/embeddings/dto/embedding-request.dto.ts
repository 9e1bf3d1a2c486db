import { IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';
import { IsEmbeddingInput } from '../../../common/validation/openai-validators';
import { GatewayParamsDto } from '../../shared/gateway-params.dto';

/** POST /embeddings. */
export class EmbeddingRequestDto extends GatewayParamsDto {
  @IsDefined({ message: 'is required' }) @IsString({ message: 'expected a string' }) @IsNotEmpty({ message: 'expected a model name' })
  model!: string;

  @IsDefined({ message: 'is required' }) @IsEmbeddingInput() input!: string | string[] | number[] | number[][];
  @IsOptional() @IsIn(['float', 'base64'], { message: 'expected float or base64' }) encoding_format?: 'float' | 'base64';
  @IsOptional() @IsInt({ message: 'expected a whole number' }) @Min(1, { message: 'expected at least 1' }) dimensions?: number;
  @IsOptional() @IsString({ message: 'expected a string' }) user?: string;

  [key: string]: unknown;
}
