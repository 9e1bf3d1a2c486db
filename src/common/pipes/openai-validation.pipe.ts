import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import * as classTransformer from 'class-transformer';
import * as classValidator from 'class-validator';
import { InvalidRequestError } from '../errors';
import { flattenValidationErrors } from '../validation/flatten-validation-errors';
import { passesAllConstraints } from '../validation/validation-precheck';
import { toValidationTarget } from '../validation/validation-target';

/**
 * The one ValidationPipe: every failure becomes a 400 `invalid_request_error`
 * whose `param` names the first field at fault. The body is validated, not
 * transformed, so unknown OpenAI params reach the provider untouched.
 *
 * A JSON body is checked by the same class-validator rules as Nest's pipe,
 * on an instance built by `toValidationTarget` rather than class-transformer
 * (which cost as much as the validation itself, and Nest's pipe then copies
 * the body back with `classToPlain`); the handler gets the parsed body itself.
 * A body whose every constraint passes (`passesAllConstraints`, the same
 * constraints in a plain loop) skips class-validator's error-tree walk; any
 * other body is validated by class-validator, which writes the 400.
 * Anything else goes through Nest's pipe unchanged.
 */
export class OpenAIValidationPipe extends ValidationPipe {
  constructor() {
    super({
      // Given, not loaded lazily (Nest 12 imports them on the first `super.transform`): `validate` below runs before that.
      validatorPackage: classValidator,
      transformerPackage: classTransformer,
      transform: false,
      whitelist: false,
      forbidUnknownValues: false,
      stopAtFirstError: true,
      exceptionFactory: (errors) => {
        const [first] = flattenValidationErrors(errors);
        if (!first) return new InvalidRequestError('Invalid request body');
        return new InvalidRequestError(`Invalid value for '${first.path}': ${first.message}`, { param: first.path });
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && this.toValidate(metadata) && isJsonObject(value)) {
      this.stripProtoKeys(value);
      const target = toValidationTarget(metadata.metatype, value);
      if (target !== undefined) {
        // passesAllConstraints follows class-validator for these options (see there).
        if (passesAllConstraints(target)) return value;
        const errors = await this.validate(target, this.validatorOptions);
        if (errors.length > 0) throw await this.exceptionFactory(errors);
        return value;
      }
    }
    return super.transform(value, metadata);
  }
}

export function openAIValidationPipe(): ValidationPipe {
  return new OpenAIValidationPipe();
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
