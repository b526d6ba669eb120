import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { sealForDevice } from '@sealpost/crypto';
import { AuditTrail } from '@sealpost/kafka';
import { DataKeyDestroyedError, KeysClient } from '@sealpost/keys-client';
import { ApiError, EndpointPolicy } from '@sealpost/platform';
import { Device } from '../device.schema';
import { RegisterDeviceRequest, RegisteredDeviceResponse } from '../device.dto';
import { deviceTokenHash, newDeviceToken } from '../device-token';
import { sealDevicePhone } from '../device-phone';
import { normalizePhoneNumber } from '@sealpost/contracts';

/** Registers a device for a phone number; the number itself is kept only as its pseudonym and sealed under the person's key. */
@Injectable()
export class RegisterDeviceUseCase {
  constructor(
    @InjectModel(Device.name) private readonly devices: Model<Device>,
    private readonly keys: KeysClient,
    private readonly audit: AuditTrail,
    private readonly endpoints: EndpointPolicy,
  ) {}

  async execute(request: RegisterDeviceRequest): Promise<RegisteredDeviceResponse> {
    const digits = normalizePhoneNumber(request.phone);
    if (!digits) throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', 'phone must be a valid E.164 phone number');
    await this.assertSealable(request.public_key);
    await this.endpoints.assertAllowed('endpoint_url', request.endpoint_url);
    const person = await this.keys.deviceRecipient(digits).catch((err: unknown) => {
      if (err instanceof DataKeyDestroyedError) throw new ApiError(HttpStatus.BAD_REQUEST, 131026, 'Number erased', 'this number was erased at its owner\'s request; no device can be registered for it');
      throw err;
    });
    const deviceId = `dev_${randomUUID()}`;
    const token = newDeviceToken();
    const recipientKey = await this.keys.byKeyId(person.key_id);
    await this.devices.create({
      device_id: deviceId,
      phone_pseudonym: person.pseudonym,
      phone_sealed: sealDevicePhone(recipientKey, deviceId, digits),
      endpoint_url: request.endpoint_url,
      public_key: request.public_key,
      token_hash: deviceTokenHash(token),
      created_at: new Date(),
    });
    await this.audit.record('device.registered', { actor: 'admin', action: 'register-device', target: deviceId, outcome: 'success' }, { correlationId: deviceId });
    return { device_id: deviceId, device_token: token };
  }

  /** A key of the right shape can still be a low-order point no message could ever be sealed to. */
  private async assertSealable(publicKey: string): Promise<void> {
    try {
      await sealForDevice(publicKey, 'sealpost/probe', Buffer.alloc(0));
    } catch {
      throw new ApiError(HttpStatus.BAD_REQUEST, 131009, 'Parameter value is not valid', 'public_key is not a usable X25519 public key');
    }
  }
}
