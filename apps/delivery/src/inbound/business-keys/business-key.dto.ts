import { ApiProperty } from '@nestjs/swagger';
import { HPKE_SUITE_NAME } from '@sealpost/crypto';

/** CONTRACT §11: what a device seals an inbound message to. */
export class BusinessKeyResponse {
  @ApiProperty() phone_number_id: string;
  @ApiProperty({ description: 'name it in POST /v1/messages; a replaced key stays accepted for an overlap period' }) key_id: string;
  @ApiProperty({ enum: [HPKE_SUITE_NAME] }) suite: typeof HPKE_SUITE_NAME;
  @ApiProperty({ description: 'raw 32-byte X25519 public key, unpadded base64url' }) public_key: string;
}
