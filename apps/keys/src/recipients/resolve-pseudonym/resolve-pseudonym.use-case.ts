import { HttpStatus, Injectable } from '@nestjs/common';
import { pseudonymize } from '@sealpost/crypto';
import { ApiError } from '@sealpost/platform';
import { IssueDataKeyUseCase } from '../../data-keys/issue-data-key/issue-data-key.use-case';
import { PseudonymKey } from '../../data-keys/pseudonym-key';
import { RecipientPseudonymResponse } from '../recipient-pseudonym.dto';
import { RecipientRows } from '../recipient-rows';

/**
 * The pseudonym of a number: its recipient key's random pseudonym, the key created on first use.
 * The number is held in memory for this call only, and only its lookup pseudonym is stored.
 */
@Injectable()
export class ResolvePseudonymUseCase {
  constructor(
    private readonly pseudonymKey: PseudonymKey,
    private readonly issue: IssueDataKeyUseCase,
    private readonly recipients: RecipientRows,
  ) {}

  async execute(digits: string, purpose: 'device' | 'erasure'): Promise<RecipientPseudonymResponse> {
    const lookup = pseudonymize(await this.pseudonymKey.material(), digits);
    const key = await this.issue.obtain(lookup, 'recipient', 'service:keys');
    if (key === 'destroyed') throw new ApiError(HttpStatus.GONE, 131026, 'Number erased', 'this number was erased at its owner\'s request; nothing can be filed under it again');
    if (purpose !== 'device') return { pseudonym: key.pseudonym! };
    await this.recipients.pin(key.key_id);
    // delivery keeps the device's number sealed under this key, for the `from` of the person's inbound messages
    return { pseudonym: key.pseudonym!, key_id: key.key_id };
  }
}
