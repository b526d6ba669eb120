import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { boundedBulkWrite, chunks } from '@sealpost/persistence';
import { ServiceWindow } from './service-window.schema';
import { windowChanges } from './service-window-rule';

/** The businesses' customer-service windows, as retention's sweeps carry them. */
@Injectable()
export class ServiceWindows {
  constructor(@InjectModel(ServiceWindow.name) private readonly windows: Model<ServiceWindow>) {}

  /** Makes the stored windows the sweep's: new and changed ones written, dropped ones deleted, each by `_id`. */
  async replaceWith(windows: Readonly<Record<string, number>>): Promise<void> {
    const { write, remove } = windowChanges(await this.windows.find().lean().exec(), windows);
    const operations = [
      ...write.map(({ _id, window_ms }) => ({ updateOne: { filter: { _id }, update: { $set: { window_ms } }, upsert: true } })),
      ...remove.map((_id) => ({ deleteOne: { filter: { _id } } })),
    ];
    for (const slice of chunks(operations)) await boundedBulkWrite(this.windows, slice);
  }

  /** business id → window in ms, for those of these businesses that have one. */
  async of(businessIds: readonly string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const slice of chunks([...new Set(businessIds)])) {
      const windows = await Promise.all(slice.map((_id) => this.windows.findOne({ _id }).lean().exec()));
      for (const window of windows) if (window) found.set(window._id, window.window_ms);
    }
    return found;
  }
}
