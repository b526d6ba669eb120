import { Controller, Get, HttpStatus, Param, ParseIntPipe, Query, UseFilters } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { AdminRoute, ApiError } from '@sealpost/platform';
import { CheckpointService } from '../checkpoints/checkpoint.service';
import { AuditRecord } from '../records/audit-record.schema';
import { toRecordView } from '../records/audit-record-view';
import { RecordsBySeq } from '../records/records-by-seq';
import { ProveConsistencyUseCase } from '../records/prove-consistency/prove-consistency.use-case';
import { ProveInclusionUseCase } from '../records/prove-inclusion/prove-inclusion.use-case';
import { VerifyLogUseCase } from '../records/verify-log/verify-log.use-case';
import { ProofRangeFilter } from './proof-range.filter';

const MAX_PAGE = 1000;

@ApiTags('admin')
@AdminRoute()
@Controller('admin/audit')
export class AuditAdminController {
  constructor(
    @InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>,
    private readonly bySeq: RecordsBySeq,
    private readonly verifyLog: VerifyLogUseCase,
    private readonly proveInclusion: ProveInclusionUseCase,
    private readonly proveConsistency: ProveConsistencyUseCase,
    private readonly checkpoints: CheckpointService,
  ) {}

  /** Events in seq order; page with after_seq = the last seq you received. */
  @Get('events')
  @ApiQuery({ name: 'after_seq', required: false }) @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'type', required: false }) @ApiQuery({ name: 'business_id', required: false })
  async events(@Query('after_seq') afterSeq?: string, @Query('limit') limit?: string, @Query('type') type?: string, @Query('business_id') businessId?: string) {
    const after = Number(afterSeq ?? 0);
    const size = Number(limit ?? 100);
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', `after_seq must be a non-negative integer and limit 1 to ${MAX_PAGE}`);
    }
    if (!type && !businessId) return (await this.bySeq.page(after, size)).map(toRecordView);
    const filter = { seq: { $gt: after }, ...(type && { 'event.type': String(type) }), ...(businessId && { 'event.businessId': String(businessId) }) };
    const records = await this.records.find(filter).sort({ seq: 1 }).limit(size).lean().exec();
    return records.map(toRecordView);
  }

  @Get('verify')
  verify() {
    return this.verifyLog.execute();
  }

  @Get('checkpoints/latest')
  async latestCheckpoint() {
    const checkpoint = await this.checkpoints.latest();
    if (!checkpoint) throw new ApiError(HttpStatus.NOT_FOUND, 100, 'No checkpoint yet', 'checkpoints are signed every N events or T seconds');
    const { seq, head_hash, merkle_root, signed_at, signature, public_key } = checkpoint;
    return { seq, head_hash, merkle_root, signed_at, signature, public_key };
  }

  @Get('events/:seq/proof')
  @ApiQuery({ name: 'checkpoint_seq', required: false })
  proof(@Param('seq', ParseIntPipe) seq: number, @Query('checkpoint_seq') checkpointSeq?: string) {
    return this.proveInclusion.execute(seq, checkpointSeq ? Number(checkpointSeq) : undefined);
  }

  /** RFC 9162 consistency proof that the log at size `second` extends the log at size `first`. */
  @Get('consistency')
  @UseFilters(ProofRangeFilter)
  consistency(@Query('first', ParseIntPipe) first: number, @Query('second', ParseIntPipe) second: number) {
    return this.proveConsistency.execute(first, second);
  }
}
