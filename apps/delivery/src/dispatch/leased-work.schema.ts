import { Prop } from '@nestjs/mongoose';

/** The schedule and lease fields every durable unit of work carries (see lease.ts). */
export abstract class LeasedWork {
  /** shardOf(the dispatch key): which instance sends it (dispatch-ownership.ts) */
  @Prop({ required: true })
  shard: number;

  @Prop({ required: true, default: 0 })
  attempts: number;

  @Prop({ required: true })
  next_attempt_at: Date;

  @Prop({ required: true, default: () => new Date(0) })
  lease_until: Date;

  @Prop({ type: String, default: null })
  lease_token: string | null;
}
