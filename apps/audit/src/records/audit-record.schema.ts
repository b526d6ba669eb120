import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EventEnvelope } from '@sealpost/contracts';

/** One link of the append-only chain. The only change ever made is expiry, which is audited itself. */
@Schema({ collection: 'audit_records', versionKey: false })
export class AuditRecord {
  /** the event id: redelivery is recognised by an `_id` lookup, the cheapest the embedded store answers */
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

  /** SHA-256 of the event's canonical JSON: stays when the event expires, so the record still proves its content (absent on records appended before it existed) */
  @Prop({ type: String })
  content_hash?: string;

  /** gone once the record passes the log's own retention (SEALPOST_AUDIT_RETENTION) */
  @Prop({ type: Object })
  event?: EventEnvelope;

  @Prop({ type: Boolean, default: undefined })
  expired?: boolean;

  @Prop({ required: true })
  recorded_at: Date;
}

export const AuditRecordSchema = SchemaFactory.createForClass(AuditRecord);
AuditRecordSchema.index({ 'event.type': 1, seq: 1 });
AuditRecordSchema.index({ 'event.businessId': 1, seq: 1 });
