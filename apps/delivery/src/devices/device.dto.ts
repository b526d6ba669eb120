import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import { isValidX25519PublicKey } from '@sealpost/crypto';
import { normalizePhoneNumber } from '@sealpost/contracts';

function Satisfies(name: string, test: (value: unknown) => boolean, options: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({ name, target: target.constructor, propertyName: propertyName as string, options, validator: { validate: test } });
}

export class RegisterDeviceRequest {
  @ApiProperty({ example: '+12025550123', description: 'E.164, with or without +' })
  @Satisfies('isE164Phone', (v) => normalizePhoneNumber(v) !== undefined, { message: 'phone must be a valid E.164 phone number, e.g. +12025550123' })
  phone: string;

  @ApiProperty({ example: 'http://127.0.0.1:8080/inbox' })
  @IsString()
  @MaxLength(2048)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'endpoint_url must be an http(s) URL' })
  endpoint_url: string;

  @ApiProperty({ description: 'raw 32-byte X25519 public key, unpadded base64url' })
  @Satisfies('isX25519PublicKey', (v) => typeof v === 'string' && isValidX25519PublicKey(v), { message: 'public_key must be a raw 32-byte X25519 key in unpadded base64url' })
  public_key: string;
}

export class RegisteredDeviceResponse {
  @ApiProperty() device_id: string;
  @ApiProperty({ description: 'shown once; stored only as a hash. The device sends it as a bearer token with read receipts.' })
  device_token: string;
}

export class DeviceView {
  @ApiProperty() device_id: string;
  @ApiProperty() endpoint_url: string;
  @ApiProperty() created_at: string;
}
