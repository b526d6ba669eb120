import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuditRecord } from './audit-record.schema';
import { seqPage } from './seq-page';

/**
 * Reads the log in seq order without a range query: seqs are dense (1, 2, 3, … and expired
 * records keep theirs), so a page is lookups by seq equality, which the embedded store answers
 * from an index. A range with a sort would read and sort the whole log for every page.
 */
@Injectable()
export class RecordsBySeq {
  constructor(@InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>) {}

  /** The records after `after`, up to `size` of them; fewer at the head of the log. */
  page(after: number, size: number): Promise<AuditRecord[]> {
    return seqPage((seq) => this.records.findOne({ seq }).lean<AuditRecord>().exec(), after, size);
  }
}
