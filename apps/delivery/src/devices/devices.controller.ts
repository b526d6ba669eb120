import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { AdminRoute } from '@sealpost/platform';
import { Device } from './device.schema';
import { DeviceView, RegisterDeviceRequest, RegisteredDeviceResponse } from './device.dto';
import { RegisterDeviceUseCase } from './register-device/register-device.use-case';
import { RemoveDeviceUseCase } from './remove-device/remove-device.use-case';

/** Operators register recipients' devices (CONTRACT §5), list and remove them; tokens and numbers never come back. */
@ApiTags('admin')
@AdminRoute()
@Controller('admin/devices')
export class DevicesController {
  constructor(
    private readonly registerDevice: RegisterDeviceUseCase,
    private readonly removeDevice: RemoveDeviceUseCase,
    @InjectModel(Device.name) private readonly devices: Model<Device>,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: RegisteredDeviceResponse })
  register(@Body() body: RegisterDeviceRequest): Promise<RegisteredDeviceResponse> {
    return this.registerDevice.execute(body);
  }

  @Get()
  @ApiOkResponse({ type: [DeviceView] })
  async list(): Promise<DeviceView[]> {
    const docs = await this.devices.find({}, { device_id: 1, endpoint_url: 1, created_at: 1 }).sort({ created_at: 1 }).limit(1000).lean().exec();
    return docs.map((d) => ({ device_id: d.device_id, endpoint_url: d.endpoint_url, created_at: d.created_at.toISOString() }));
  }

  @Delete(':device_id')
  @ApiOkResponse({ description: '{ "success": true }: the device token stops working and nothing more is sent to its endpoint' })
  remove(@Param('device_id') deviceId: string): Promise<{ success: true }> {
    return this.removeDevice.execute(deviceId);
  }
}
