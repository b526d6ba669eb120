import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A signed statement of the log's size, head hash and Merkle root at one moment. */
@Schema({ collection: 'checkpoints', versionKey: false })
export class Checkpoint {
  @Prop({ required: true, unique: true })
  seq: number;

  @Prop({ required: true })
  head_hash: string;

  @Prop({ required: true })
  merkle_root: string;

  @Prop({ required: true })
  signed_at: string;

  @Prop({ required: true })
  signature: string;

  @Prop({ required: true })
  public_key: string;
}

export const CheckpointSchema = SchemaFactory.createForClass(Checkpoint);
