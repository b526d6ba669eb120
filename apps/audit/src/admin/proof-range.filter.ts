import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { ApiError } from '@sealpost/platform';
import { CloudApiExceptionFilter } from '@sealpost/platform/errors/cloud-api-exception.filter';
import { ProofRangeError } from '../records/prove-consistency/proof-range.error';

/** A proof between sizes the log cannot prove is the caller's error: 400 in the contract's shape. */
@Catch(ProofRangeError)
export class ProofRangeFilter implements ExceptionFilter {
  private readonly errors = new CloudApiExceptionFilter();

  catch(exception: ProofRangeError, host: ArgumentsHost): void {
    this.errors.catch(new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', exception.message), host);
  }
}
