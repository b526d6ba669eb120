import { PoisonRecordError } from '@sealpost/kafka';
import type { Business } from '../businesses/business.schema';

/**
 * Why a submit record was refused, in Sealpost's own words: all the audit log keeps of it
 * (the reason text may name the sender's fields, and the sender chose those).
 */
export type RejectionKind = 'malformed' | 'unknown-sender' | 'bad-signature' | 'invalid-submission' | 'refused-send';

/** The Cloud API error a business's `failed` status carries (131009 unless the refusal says otherwise). */
export interface RejectionError {
  code: number;
  title: string;
}

/** A poison submit record, and its business once the signature proved who sent it (so the business hears of the failure). */
export class RejectedSubmission extends PoisonRecordError {
  constructor(
    reason: string,
    readonly kind: RejectionKind,
    readonly business?: Business,
    readonly error: RejectionError = { code: 131009, title: 'Parameter value is not valid' },
  ) {
    super(reason);
  }
}
