import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { inclusionProof } from '@sealpost/audit-chain';
import { ApiError } from '@sealpost/platform';
import { Checkpoint } from '../../checkpoints/checkpoint.schema';
import { AuditRecord } from '../audit-record.schema';
import { toRecordView } from '../audit-record-view';
import { LogTree } from '../log-tree';

/** RFC 6962 audit path from one event to a signed checkpoint's Merkle root. */
@Injectable()
export class ProveInclusionUseCase {
  constructor(
    @InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>,
    @InjectModel(Checkpoint.name) private readonly checkpoints: Model<Checkpoint>,
    private readonly tree: LogTree,
  ) {}

  async execute(seq: number, checkpointSeq?: number) {
    const checkpoint = await this.checkpoints
      .findOne(checkpointSeq ? { seq: checkpointSeq } : { seq: { $gte: seq } })
      .sort({ seq: checkpointSeq ? 1 : -1 })
      .lean()
      .exec();
    if (!checkpoint || checkpoint.seq < seq) {
      throw new ApiError(HttpStatus.NOT_FOUND, 100, 'No checkpoint covers this event yet', 'wait for the next checkpoint (every N events or T seconds) and ask again');
    }
    const record = await this.records.findOne({ seq }).lean().exec();
    if (!record) throw new ApiError(HttpStatus.NOT_FOUND, 100, 'Unknown event', `no event with seq ${seq}`);
    const leaves = await this.tree.leaves(checkpoint.seq);
    return {
      seq,
      leaf_index: seq - 1,
      tree_size: checkpoint.seq,
      event: toRecordView(record),
      proof: inclusionProof(seq - 1, leaves).map((h) => h.toString('hex')),
      checkpoint,
    };
  }
}
