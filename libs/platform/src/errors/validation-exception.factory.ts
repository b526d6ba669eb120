import { HttpStatus } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { ApiError } from './api-error';
import { describeValidationErrors, validationErrorCode } from './validation-problems';

/** class-validator failures as a Cloud API 400 (code 100, or 131009 for a bad value) naming the first few fields, never their values. */
export function validationExceptionFactory(errors: ValidationError[]): ApiError {
  const details = describeValidationErrors(errors);
  const code = validationErrorCode(errors);
  return new ApiError(HttpStatus.BAD_REQUEST, code, code === 100 ? 'Invalid parameter' : 'Parameter value is not valid', details);
}
