import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ApiError } from '@sealpost/platform';
import { DeviceJob } from '../../device-dispatch/device-job.schema';
import { RELEASED } from '../../dispatch/released';
import { MessageRecord } from '../../messages/message-record.schema';
import { AdvanceStatusUseCase } from '../../status/advance-status/advance-status.use-case';
import { ReceiptRequest } from '../receipt.dto';

/** A device says its user read a message it was sent: the business hears `read`. */
@Injectable()
export class RecordReceiptUseCase {
  constructor(
    @InjectModel(DeviceJob.name) private readonly jobs: Model<DeviceJob>,
    @InjectModel(MessageRecord.name) private readonly messages: Model<MessageRecord>,
    private readonly advanceStatus: AdvanceStatusUseCase,
  ) {}

  async execute(deviceId: string, receipt: ReceiptRequest): Promise<void> {
    const jobId = `${receipt.message_id}:${deviceId}`;
    const message = await this.messages.findOne({ message_id: receipt.message_id }, { device_ids: 1 }).lean().exec();
    // a job sent straight away leaves once delivered: the message names the devices it went to
    const job = await this.jobs.findOne({ job_id: jobId }, { state: 1 }).lean().exec();
    if (!job && !message?.device_ids?.includes(deviceId)) throw new ApiError(HttpStatus.NOT_FOUND, 100, 'Unknown message', 'no message with this id was sent to this device');
    // a device that read it has it, even if its answer to our POST never reached us: do not send it again
    if (job?.state === 'pending') await this.jobs.updateOne({ job_id: jobId, state: 'pending' }, { $set: { state: 'delivered', sealed: null, ...RELEASED } }).exec();
    await this.advanceStatus.execute(receipt.message_id, 'read');
  }
}
