import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { BadJsonInput } from '../input/strict-json';
import { ApiError } from './api-error';

const DEFAULT_CODES: Partial<Record<number, number>> = { 401: 190, 403: 200, 429: 130429 };
const TYPES: Partial<Record<number, string>> = { 401: 'OAuthException', 403: 'OAuthException' };

/**
 * Maps every error to the Cloud API error body (CONTRACT §3). Body-parser failures
 * (malformed JSON, oversized requests, bodies the strict JSON checks refuse) become 4xx;
 * nothing leaks a stack or a value.
 */
@Catch()
export class CloudApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, code, message, details } = this.describe(exception);
    const fbtraceId = randomBytes(9).toString('base64url');
    if (status >= 500) this.logger.error({ fbtraceId, err: exception instanceof Error ? exception.name : 'unknown' }, 'request failed');
    response.status(status).json({
      error: {
        message,
        type: TYPES[status] ?? (status >= 500 ? 'ServiceException' : 'OAuthException'),
        code,
        error_data: { messaging_product: 'whatsapp', details: details ?? message },
        fbtrace_id: fbtraceId,
      },
    });
  }

  private describe(exception: unknown): { status: number; code: number; message: string; details?: string } {
    if (exception instanceof ApiError) {
      return { status: exception.getStatus(), code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException && exception.cause instanceof BadJsonInput) {
      return { status: HttpStatus.BAD_REQUEST, code: 100, message: exception.cause.message };
    }
    if (exception instanceof HttpException && exception.cause instanceof Error) {
      // body-parser failures: V8's JSON errors quote the input, so only a fixed text goes out
      const status = exception.getStatus();
      const message = status === 400 ? 'Malformed JSON in request body' : status === 413 ? 'Request body too large' : STATUS_CODES[status] ?? 'Invalid request';
      return { status, code: 100, message };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'object' && body && 'message' in body ? (body as { message: unknown }).message : undefined;
      const details = Array.isArray(detail) ? detail.join('; ') : typeof detail === 'string' ? detail : undefined;
      // the router's "Cannot GET /path" would echo the path the caller typed
      if (status === HttpStatus.NOT_FOUND && details?.startsWith('Cannot ')) return { status, code: 100, message: 'Unknown path', details: 'no such route; /docs lists the API' };
      return { status, code: DEFAULT_CODES[status] ?? (status >= 500 ? 1 : 100), message: this.title(status, exception.message), details };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, code: 1, message: 'An unexpected error occurred; retry later', details: 'internal error' };
  }

  private title(status: number, fallback: string): string {
    if (status === 400) return 'Invalid parameter';
    if (status === 404) return 'Unknown path or object';
    return fallback;
  }
}
