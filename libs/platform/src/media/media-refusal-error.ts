import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../errors/api-error';
import { MediaRefused } from './media-refused';

const TITLES = { 131052: 'Media download error', 131053: 'Media upload error' } as const;

/** A media refusal as the Cloud API answers it; anything else unchanged. */
export function asMediaApiError(err: unknown): unknown {
  return err instanceof MediaRefused ? new ApiError(HttpStatus.BAD_REQUEST, err.code, TITLES[err.code], err.details) : err;
}
