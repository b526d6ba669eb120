import { HttpStatus, Injectable } from '@nestjs/common';
import { HPKE_SUITE_NAME } from '@sealpost/crypto';
import { ApiError } from '@sealpost/platform';
import { BusinessDirectory } from '../../businesses/business-directory';
import { BusinessKeyResponse } from './business-key.dto';
import { BusinessInboundKeys } from './business-inbound-keys';

/** Phone number ids are digits; anything else names no business, without a store read. */
const PHONE_NUMBER_ID = /^\d{1,32}$/;

export function unknownPhoneNumberId(): ApiError {
  return new ApiError(HttpStatus.NOT_FOUND, 100, 'Unknown phone_number_id', 'no business has this phone_number_id; check the number the business gave you');
}

/** The public key a device seals to when it writes to the business with this phone number id. */
@Injectable()
export class GetBusinessKeyUseCase {
  constructor(
    private readonly businesses: BusinessDirectory,
    private readonly keys: BusinessInboundKeys,
  ) {}

  async execute(phoneNumberId: string): Promise<BusinessKeyResponse> {
    const business = PHONE_NUMBER_ID.test(phoneNumberId) ? await this.businesses.findByPhoneNumberId(phoneNumberId) : null;
    if (!business) throw unknownPhoneNumberId();
    const key = await this.keys.current(business.business_id);
    return { phone_number_id: phoneNumberId, key_id: key.key_id, suite: HPKE_SUITE_NAME, public_key: key.public_key! };
  }
}
