import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { chunks, insertNew } from '@sealpost/persistence';
import { Message } from './message.schema';

/** A message as the store holds it after an append: the one given, or the one that had its key. */
export interface StoredMessage {
  message: Message;
  isNew: boolean;
}

/**
 * The messages collection, in batches shaped for the embedded store: one insertMany (cheap), and
 * otherwise only statements found by `_id` or by top-level equality (the filters it answers from
 * an index), in commands of at most MAX_STATEMENTS_AT_ONCE (see @sealpost/persistence).
 */
@Injectable()
export class MessageRepository {
  constructor(@InjectModel(Message.name) private readonly messages: Model<Message>) {}

  /**
   * Stores accepted messages; result i is for messages[i]. A message whose (business,
   * idempotency key) is already taken is "already done": it answers with the message stored
   * first. The unique index decides, not a read before the write, so concurrent callers agree.
   */
  async appendAccepted(messages: readonly Message[]): Promise<StoredMessage[]> {
    const repeats = await insertNew(this.messages, messages);
    const stored: StoredMessage[] = messages.map((message) => ({ message, isNew: true }));
    // rare (a retried request, a redelivered batch), and each look-up an indexed equality match
    for (const slice of chunks([...repeats])) {
      await Promise.all(
        slice.map(async (i) => {
          stored[i] = { message: await this.holderOfKey(messages[i]!), isNew: false };
        }),
      );
    }
    return stored;
  }

  /** Those of `ids` still stored, each found by `_id`. */
  async byIds(ids: readonly string[]): Promise<Message[]> {
    const found: Message[] = [];
    for (const slice of chunks(ids)) {
      for (const message of await Promise.all(slice.map((_id) => this.messages.findOne({ _id }).lean<Message>().exec()))) if (message) found.push(message);
    }
    return found;
  }

  private async holderOfKey({ business_id, idempotency_key }: Message): Promise<Message> {
    const holder = await this.messages.findOne({ business_id, idempotency_key }).lean().exec();
    // gone between the insert and this read (purged or erased): the caller's retry stores it anew
    if (!holder) throw new Error(`idempotency key of business ${business_id} collided, but its message is gone`);
    return holder;
  }
}
