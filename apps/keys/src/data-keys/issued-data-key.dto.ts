import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { DATA_KEY_KINDS, DataKeyKind } from './data-key.schema';

export class IssueDataKeyRequest {
  @ApiProperty() @IsString() @Length(1, 64) @Matches(/^[\w-]+$/)
  business_id: string;

  @ApiProperty({ enum: DATA_KEY_KINDS }) @IsIn(DATA_KEY_KINDS)
  kind: DataKeyKind;
}

export class UnwrapDataKeyRequest {
  @ApiProperty() @IsString() @Length(1, 80) @Matches(/^dk_[\w-]+$/)
  key_id: string;
}

/** Internal API answer: the only place data-key material leaves the keys service (over HTTP, never Kafka). */
export class DataKeyResponse {
  @ApiProperty() key_id: string;
  @ApiProperty() business_id: string;
  @ApiProperty() kind: DataKeyKind;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'base64url, 32 bytes' }) key: string;
  @ApiProperty() epoch_start: string;
  @ApiProperty({ nullable: true, type: String }) epoch_end: string | null;
  @ApiProperty({ required: false, description: 'business-inbound keys: the X25519 public key, raw 32 bytes base64url' }) public_key?: string;
  @ApiProperty({ required: false, description: 'recipient keys: the pseudonym every service files this person under' }) pseudonym?: string;
}
