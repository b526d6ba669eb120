import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Request } from 'express';
import { Model } from 'mongoose';
import { ApiError, bearerToken } from '@sealpost/platform';
import { Device } from '../devices/device.schema';
import { deviceTokenHash } from '../devices/device-token';

export interface DeviceRequest extends Request {
  deviceId: string;
  /** the pseudonym of the device's number, which its customer's records are filed under */
  phonePseudonym: string;
}

/**
 * `Authorization: Bearer <device_token>` or 401, before the body is even looked at. The token
 * is looked up by its SHA-256, so nothing compares the secret itself byte by byte.
 */
@Injectable()
export class DeviceTokenGuard implements CanActivate {
  constructor(@InjectModel(Device.name) private readonly devices: Model<Device>) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<DeviceRequest>();
    const token = bearerToken(request.headers.authorization);
    const device = token ? await this.devices.findOne({ token_hash: deviceTokenHash(token) }, { device_id: 1, phone_pseudonym: 1 }).lean().exec() : null;
    if (!device) throw new ApiError(HttpStatus.UNAUTHORIZED, 190, 'Invalid or missing device token', 'send Authorization: Bearer <device_token>');
    request.deviceId = device.device_id;
    request.phonePseudonym = device.phone_pseudonym;
    return true;
  }
}
