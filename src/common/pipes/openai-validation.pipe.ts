import { ValidationPipe } from '@nestjs/common';
import { InvalidRequestError } from '../errors';
import { flattenValidationErrors } from '../validation/flatten-validation-errors';

/**
 * The one ValidationPipe: every failure becomes a 400 `invalid_request_error`
 * whose `param` names the first field at fault. The body is validated, not
 * transformed, so unknown OpenAI params reach the provider untouched.
 */
export function openAIValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
