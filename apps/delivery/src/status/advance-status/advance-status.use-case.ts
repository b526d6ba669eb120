import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { StatusError } from '@sealpost/contracts';
import { MessageRecord } from '../../messages/message-record.schema';
import { StatusAnnouncer } from '../status-announcer';
import { ReportedStatus, statusSteps } from '../status-steps';

/** Each status change is at most the few steps from accepted to read; more rounds mean a bug. */
const MAX_ROUNDS = 8;

/**
 * The one place a message's status moves, and only forward. Each step is a conditional update
 * on the status it was read with, so of two concurrent changes exactly one wins, and only
 * the winner announces it: one status event, one audit record, one webhook per status.
 */
@Injectable()
export class AdvanceStatusUseCase {
  constructor(
    @InjectModel(MessageRecord.name) private readonly messages: Model<MessageRecord>,
    private readonly announcer: StatusAnnouncer,
  ) {}

  /** Resolves true when the message reached `target` through this call. */
  async execute(messageId: string, target: ReportedStatus, errors?: StatusError[]): Promise<boolean> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const message = await this.messages.findOne({ message_id: messageId }, { message_id: 1, business_id: 1, expires_at: 1, status: 1 }).lean().exec();
      if (!message) return false;
      const [next] = statusSteps(message.status, target);
      if (!next) return false;
      const at = new Date();
      const stepErrors = next === 'failed' ? errors : undefined;
      const moved = await this.messages
        .updateOne(
          { message_id: messageId, status: message.status },
          { $set: { status: next, [`${next}_at`]: at, announce_due_at: at, ...(stepErrors?.length && { status_errors: stepErrors }) } },
        )
        .exec();
      if (moved.matchedCount === 0) continue; // another worker moved it first: look again
      await this.announcer.announce(message, next, at, stepErrors);
      await this.messages.updateOne({ message_id: messageId, announce_due_at: at }, { $set: { announce_due_at: null } }).exec();
      if (next === target) return true;
    }
    return false;
  }
}
