import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { recordLeaf } from '@sealpost/audit-chain';
import { AuditRecord } from './audit-record.schema';

/** The Merkle leaves of the first `size` events: leaf i = recordLeaf(event i+1's hash and content hash). */
@Injectable()
export class LogTree {
  constructor(@InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>) {}

  async leaves(size: number): Promise<Buffer[]> {
    const rows = await this.records.find({ seq: { $lte: size } }, { seq: 1, hash: 1, content_hash: 1, _id: 0 }).sort({ seq: 1 }).lean().exec();
    return rows.map(recordLeaf);
  }

  /** The stored hash of one event (an indexed equality read), or undefined when it is gone. */
  async hashAt(seq: number): Promise<string | undefined> {
    return (await this.records.findOne({ seq }, { hash: 1, _id: 0 }).lean().exec())?.hash;
  }
}
