import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MessageStatus, StatusError } from '@sealpost/contracts';
import { boundedBulkWrite, chunks } from '@sealpost/persistence';
import { MessageRecord } from '../../messages/message-record.schema';
import { AnnouncementBatch } from '../announcement-batch.schema';
import { AnnouncedMessage, StatusAnnouncer, StatusChange } from '../status-announcer';
import { ReportedStatus, statusSteps } from '../status-steps';
import { DirectJobs } from '../../device-dispatch/direct-jobs';
import { DirectWebhooks } from '../../webhooks/direct-webhooks';
import { DispatchOwnership } from '../../dispatch/dispatch-ownership';
import { inKeyOrder } from '../../dispatch/in-key-order';

/** Each status change is at most the few steps from accepted to read; more rounds mean a bug. */
const MAX_ROUNDS = 8;
/** moves whose message was not where the batch thought, made one by one: this many messages side by side */
const ELSEWHERE_AT_ONCE = 16;

/** One step a batch path knows a message is due: from the status it last stored to `target`. */
export interface StatusMove {
  message: AnnouncedMessage;
  from: MessageStatus;
  target: ReportedStatus;
  errors?: StatusError[];
}

/**
 * The one place a message's status moves, and only forward. Each step is a conditional update
 * on the status it was read with, so of two concurrent changes exactly one wins, and only
 * the winner announces it: one status event, one audit record, one webhook per status.
 */
@Injectable()
export class AdvanceStatusUseCase {
  /** markers this process noted and has not finished carrying out */
  private readonly ongoing = new Set<string>();

  constructor(
    @InjectModel(MessageRecord.name) private readonly messages: Model<MessageRecord>,
    @InjectModel(AnnouncementBatch.name) private readonly batches: Model<AnnouncementBatch>,
    private readonly announcer: StatusAnnouncer,
    private readonly directJobs: DirectJobs,
    private readonly directWebhooks: DirectWebhooks,
    private readonly ownership: DispatchOwnership,
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
          { _id: messageId, status: { $in: [message.status] } },
          { $set: { status: next, [`${next}_at`]: at, announce_due_at: at, announce_pending: true, ...(stepErrors?.length && { status_errors: stepErrors }) } },
        )
        .exec();
      if (moved.matchedCount === 0) continue; // another worker moved it first: look again
      await this.announcer.announce(message, next, at, stepErrors);
      await this.messages.updateOne({ message_id: messageId, announce_due_at: at }, { $set: { announce_due_at: null, announce_pending: false } }).exec();
      if (next === target) return true;
    }
    return false;
  }

  /**
   * The batch path: many moves, each the same conditional update as `execute` but sent together
   * without a read first, and announced together (a move of several steps, accepted → delivered,
   * is one update and each step's announcement). The batch's marker, written first and deleted
   * last, holds the moves and the lease tokens of the device jobs they settle: a process killed
   * in between leaves it for recovery, which makes the moves, announces them and deletes those
   * jobs. A move whose message is not where the caller thought goes through `execute`.
   */
  async executeMany(moves: readonly StatusMove[], settledJobTokens: readonly string[] = []): Promise<void> {
    if (moves.length === 0 && settledJobTokens.length === 0) return;
    await this.carryOut(await this.note(moves, settledJobTokens), moves, settledJobTokens);
  }

  /** The first half of executeMany: once its marker is stored, the moves are durable (recovery finishes them). */
  async note(moves: readonly StatusMove[], settledJobTokens: readonly string[]): Promise<string> {
    const marker = randomUUID();
    this.ongoing.add(marker);
    try {
      await this.batches.create({
        _id: marker,
        message_ids: [...new Set(moves.map((m) => m.message.message_id))],
        moves: moves.map(({ message, from, target, errors }) => ({ message_id: message.message_id, from, target, ...(errors?.length && { errors }) })),
        settled_job_tokens: [...settledJobTokens],
        owner_shards: [...this.ownership.tenure().shards],
        created_at: new Date(),
      });
    } catch (err) {
      this.ongoing.delete(marker); // should it be stored after all, recovery finishes it
      throw err;
    }
    return marker;
  }

  /** The second half of executeMany: the moves of a noted marker made and announced, its jobs deleted, then the marker. */
  async carryOut(marker: string, moves: readonly StatusMove[], settledJobTokens: readonly string[]): Promise<void> {
    try {
      await this.makeMoves(marker, moves, settledJobTokens);
    } finally {
      // failed half way: the marker is left to recovery
      this.ongoing.delete(marker);
    }
  }

  private async makeMoves(marker: string, moves: readonly StatusMove[], settledJobTokens: readonly string[]): Promise<void> {
    const at = new Date();
    const direct = moves.filter((m) => statusSteps(m.from, m.target).at(-1) === m.target);
    const moved: StatusChange[] = [];
    const elsewhere: StatusMove[] = moves.filter((m) => !direct.includes(m));
    // side by side: boundedBulkWrite keeps the statements in flight under the store's pool
    const applied = await Promise.all(
      chunks(direct).map(async (slice) => {
        const result = await boundedBulkWrite(
          this.messages,
          slice.map(({ message, from, target, errors }) => ({
            updateOne: {
              // `$in`, not equality: the store then finds the message by `_id` alone and checks the status itself,
              // where an equality would also be looked up in the status index (thousands of entries per value)
              filter: { _id: message.message_id, status: { $in: [from] } },
              update: { $set: { status: target, ...stepTimes(from, target, at), ...(target === 'failed' && errors?.length && { status_errors: errors }) } },
            },
          })),
        );
        return { slice, ours: result.matchedCount === slice.length ? slice : await this.movedAt(slice, at) };
      }),
    );
    for (const { slice, ours } of applied) {
      for (const { message, from, target, errors } of ours) {
        for (const status of statusSteps(from, target)) moved.push({ message, status, at, errors: status === 'failed' ? errors : undefined });
      }
      elsewhere.push(...slice.filter((m) => !ours.includes(m)));
    }
    const webhooks = await this.announcer.announceMany(moved, true);
    // one message at a time, a batch of moves a receipt outran took tens of seconds under load
    await inKeyOrder(elsewhere, (m) => m.message.message_id, ELSEWHERE_AT_ONCE, async ({ message, target, errors }) => {
      await this.execute(message.message_id, target, errors);
      return 'done';
    });
    await this.directJobs.deleteSettled(settledJobTokens);
    await this.batches.deleteOne({ _id: marker }).exec();
    // only now: until the marker is gone a recovery may announce these again, which must find their entries;
    // not waited for, so that a slow webhook endpoint holds up no status move (its POSTs are leased meanwhile)
    void this.directWebhooks.start(webhooks);
  }

  /**
   * The lease tokens of the device POSTs answered whose marker is not yet carried out (its process
   * died, or is slow): those jobs are the marker's to delete, and must not be sent again.
   */
  async markedJobTokens(): Promise<string[]> {
    const markers = await this.batches.find({}, { settled_job_tokens: 1 }).lean().exec();
    return markers.flatMap((m) => m.settled_job_tokens ?? []);
  }

  /**
   * Whether recovery may finish this marker: not one this process is still carrying out (however
   * long that takes), nor one another live instance is (it holds the shards the marker names).
   */
  isLeftBehind(marker: Pick<AnnouncementBatch, '_id' | 'owner_shards'>): boolean {
    if (this.ongoing.has(marker._id)) return false;
    if (!marker.owner_shards?.length) return true;
    const held = new Set(this.ownership.tenure().shards);
    return marker.owner_shards.some((shard) => held.has(shard));
  }

  /** Which moves of a partly matched command are ours: their message carries this very step time. */
  private async movedAt(slice: readonly StatusMove[], at: Date): Promise<StatusMove[]> {
    const found = await Promise.all(slice.map((m) => this.messages.findOne({ message_id: m.message.message_id }).lean().exec()));
    return slice.filter((m, i) => found[i]?.status === m.target && found[i]?.[`${m.target}_at`]?.getTime() === at.getTime());
  }
}

/** `${step}_at` for every step from `from` to `target`: a move of several steps took them all at once. */
function stepTimes(from: MessageStatus, target: ReportedStatus, at: Date): Record<string, Date> {
  return Object.fromEntries(statusSteps(from, target).map((step) => [`${step}_at`, at]));
}
