import { PoisonRecordError } from '@sealpost/kafka';
import type { Business } from '../businesses/business.schema';

/** A poison submit record that knows its business (so the business hears of the failure). */
export class RejectedSubmission extends PoisonRecordError {
  constructor(
    reason: string,
    readonly business?: Business,
  ) {
    super(reason);
  }
}
