import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuditTrail } from '@sealpost/kafka';
import { ApiError } from '@sealpost/platform';
import { DeviceJob } from '../../device-dispatch/device-job.schema';
import { Device } from '../device.schema';

/**
 * A device removed by the operator (lost, replaced): its token stops working at once, nothing
 * more is sent to its endpoint (its jobs still owed go with it), and the removal is audited.
 */
@Injectable()
export class RemoveDeviceUseCase {
  constructor(
    @InjectModel(Device.name) private readonly devices: Model<Device>,
    @InjectModel(DeviceJob.name) private readonly jobs: Model<DeviceJob>,
    private readonly audit: AuditTrail,
  ) {}

  async execute(deviceId: string): Promise<{ success: true }> {
    const { deletedCount } = await this.devices.deleteOne({ device_id: deviceId }).exec();
    if (deletedCount === 0) throw new ApiError(HttpStatus.NOT_FOUND, 100, 'Unknown device', 'no device with that id; GET /admin/devices lists them');
    const { deletedCount: jobs } = await this.jobs.deleteMany({ device_id: deviceId }).exec();
    await this.audit.record('device.removed', { actor: 'admin', action: 'remove-device', target: deviceId, outcome: 'success', detail: { jobs_dropped: jobs } }, { correlationId: deviceId });
    return { success: true };
  }
}
