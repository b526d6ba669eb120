import { HttpStatus } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { ApiError } from './api-error';
import { describeValidationErrors } from './validation-problems';

/** class-validator failures as a Cloud API 400 (code 100) naming the first few fields, never their values. */
export function validationExceptionFactory(errors: ValidationError[]): ApiError {
  const details = describeValidationErrors(errors);
  return new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', details);
}
