import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadRequestError } from '@qwen-proxy/contracts';
import { knownFieldsTransformer } from './known-fields-transformer';

/** The first failing field as a path (`messages[0].role`) and a sentence naming it. */
function describe(errors: ValidationError[], parentPath = ''): { param: string; message: string } | undefined {
  for (const error of errors) {
    const path = /^\d+$/.test(error.property) ? `${parentPath}[${error.property}]` : parentPath ? `${parentPath}.${error.property}` : error.property;
    if (error.constraints) {
      const reasons = Object.values(error.constraints).map((reason) => reason.replace(error.property, path));
      return { param: path, message: `Invalid request: ${reasons.join('; ')}.` };
    }
    const nested = describe(error.children ?? [], path);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Validation for every DTO. Unknown fields are kept as sent, never walked (OpenAI adds
 * parameters often; they are accepted and ignored, or passed on by the router), and a failure
 * becomes a 400 naming the field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    transformerPackage: knownFieldsTransformer,
    whitelist: false,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const described = describe(errors) ?? { param: '', message: 'Invalid request body.' };
      return new BadRequestError(described.message, { code: 'invalid_request', param: described.param || undefined });
    },
  });
}
