import { Injectable } from '@nestjs/common';
import { pseudonymize } from '@sealpost/crypto';
import { PseudonymKey } from '../../data-keys/pseudonym-key';
import { RecipientPseudonymResponse } from '../recipient-pseudonym.dto';

/** The pseudonym of a number, computed here: the number is held in memory for this call only. */
@Injectable()
export class ResolvePseudonymUseCase {
  constructor(private readonly pseudonymKey: PseudonymKey) {}

  async execute(digits: string): Promise<RecipientPseudonymResponse> {
    return { pseudonym: pseudonymize(await this.pseudonymKey.material(), digits) };
  }
}
