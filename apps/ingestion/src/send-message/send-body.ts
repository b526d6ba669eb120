import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describeValidationErrors, validationErrorCode } from '@sealpost/platform/errors/validation-problems';
import { MarkReadRequest } from './mark-read/mark-read.request';
import { MessageRequest } from './message-content/message-request';

export type SendBodyCheck<M extends MessageRequest> = { body: M | MarkReadRequest } | { refused: { code: number; details: string } };

/**
 * The send endpoint takes two bodies, as the Cloud API's does: a message, or (with `status`) a
 * mark-as-read. The body names which one it is; each is then validated by its own rules with the
 * global pipe's options (unknown fields refused). Nest-free, so it is unit-tested as applied.
 */
export function checkSendBody<M extends MessageRequest>(value: unknown, messageClass: ClassConstructor<M>): SendBodyCheck<M> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { refused: { code: 100, details: 'the body must be a JSON object' } };
  const type: ClassConstructor<M | MarkReadRequest> = 'status' in value ? MarkReadRequest : messageClass;
  const body = plainToInstance(type, value);
  const errors = validateSync(body, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length === 0 ? { body } : { refused: { code: validationErrorCode(errors), details: describeValidationErrors(errors) } };
}
