import { HttpStatus } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { ApiError } from './api-error';

/** class-validator failures as a Cloud API 400 (code 100) naming each field, never its value. */
export function validationExceptionFactory(errors: ValidationError[]): ApiError {
  const details = describeValidationErrors(errors);
  return new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', details);
}

/** Field names and rules, never the rejected values (they may be message text or numbers). */
export function describeValidationErrors(errors: ValidationError[]): string {
  return flatten(errors).join('; ');
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? `${prefix ? prefix + '.' : ''}${m}` : `${path}: ${m}`));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}
