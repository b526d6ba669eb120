import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EventEnvelope } from '@sealpost/contracts';

/** One link of the append-only chain. There is no update path; purges are audited themselves. */
@Schema({ collection: 'audit_records', versionKey: false })
export class AuditRecord {
  /** the event id: FerretDB's SQLite backend answers `_id` lookups from its index, other fields by scanning */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true, unique: true })
  seq: number;

  /** the event's own id: a redelivered event is recognised and not appended twice */
  @Prop({ required: true, unique: true })
  event_id: string;

  @Prop({ required: true })
  prev_hash: string;

  @Prop({ required: true })
  hash: string;

  @Prop({ type: Object, required: true })
  event: EventEnvelope;

  @Prop({ required: true })
  recorded_at: Date;
}

export const AuditRecordSchema = SchemaFactory.createForClass(AuditRecord);
AuditRecordSchema.index({ 'event.type': 1, seq: 1 });
AuditRecordSchema.index({ 'event.businessId': 1, seq: 1 });
