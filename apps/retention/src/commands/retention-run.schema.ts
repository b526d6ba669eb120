import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { RetentionReport } from '@sealpost/contracts';

/** A sweep or an erasure: the command sent and the reports collected so far. */
@Schema({ collection: 'retention_runs', versionKey: false })
export class RetentionRun {
  @Prop({ required: true, unique: true })
  run_id: string;

  @Prop({ required: true, enum: ['sweep', 'erasure'] })
  kind: 'sweep' | 'erasure';

  @Prop({ required: true })
  trigger: 'admin' | 'schedule';

  @Prop({ required: true })
  issued_at: Date;

  /** after this, services that have not reported are named late */
  @Prop({ required: true })
  deadline: Date;

  /** service → its report */
  @Prop({ type: Object, required: true })
  reports: Record<string, RetentionReport>;
}

export const RetentionRunSchema = SchemaFactory.createForClass(RetentionRun);
