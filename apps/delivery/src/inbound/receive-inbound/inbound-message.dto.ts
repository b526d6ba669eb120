import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { HPKE_SUITE_NAME } from '@sealpost/crypto';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export class InboundContext {
  @ApiProperty({ description: 'the id of the message this one replies to' })
  @IsString({ message: 'context.message_id must be a string' })
  @Length(1, 200, { message: 'context.message_id must be 1 to 200 characters' })
  message_id: string;
}

export class InboundSealed {
  @ApiProperty({ enum: [HPKE_SUITE_NAME] })
  @IsIn([HPKE_SUITE_NAME], { message: `sealed.suite must be "${HPKE_SUITE_NAME}"` })
  suite: typeof HPKE_SUITE_NAME;

  @ApiProperty({ description: 'HPKE encapsulated key: 32 bytes, unpadded base64url' })
  @IsString({ message: 'sealed.enc must be a string' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'sealed.enc must be 32 bytes in unpadded base64url' })
  enc: string;

  @ApiProperty({ description: 'HPKE ciphertext, unpadded base64url' })
  @IsString({ message: 'sealed.ct must be a string' })
  @MaxLength(60000, { message: 'sealed.ct must be at most 60000 characters' })
  @Matches(BASE64URL, { message: 'sealed.ct must be unpadded base64url' })
  ct: string;
}

/** CONTRACT §11: a customer's message to a business, sealed to the business's key. Unknown fields are refused. */
export class InboundMessageRequest {
  @ApiProperty({ example: '106540352242922' })
  @IsString({ message: 'phone_number_id must be a string' })
  @Matches(/^\d{1,32}$/, { message: "phone_number_id must be the business's phone number id (digits)" })
  phone_number_id: string;

  @ApiProperty({ description: '1-128 characters, unique per device; the HPKE aad' })
  @IsString({ message: 'client_message_id must be a string' })
  @Length(1, 128, { message: 'client_message_id must be 1 to 128 characters' })
  client_message_id: string;

  @ApiProperty({ description: 'from GET /v1/businesses/{phone_number_id}/key' })
  @IsString({ message: 'key_id must be a string' })
  @Matches(/^dk_[\w-]{1,76}$/, { message: 'key_id must be a key id from GET /v1/businesses/{phone_number_id}/key' })
  key_id: string;

  @ApiPropertyOptional({ type: InboundContext })
  @IsOptional()
  @IsObject({ message: 'context must be an object with a message_id' })
  @ValidateNested()
  @Type(() => InboundContext)
  context?: InboundContext;

  @ApiProperty({ type: InboundSealed })
  @IsDefined({ message: 'sealed is required' })
  @IsObject({ message: 'sealed must be an object with suite, enc and ct' })
  @ValidateNested()
  @Type(() => InboundSealed)
  sealed: InboundSealed;
}

export class InboundMessageAccepted {
  @ApiProperty({ example: 'wamid.HBgLMTIwMjU1NTAxMjMVAgARGBI' }) message_id: string;
}
