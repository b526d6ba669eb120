import { HttpException, HttpStatus } from '@nestjs/common';

/** An error in the Cloud API's shape: HTTP status plus a Graph-style numeric code. */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: number,
    message: string,
    readonly details?: string,
  ) {
    super(message, status);
  }
}
