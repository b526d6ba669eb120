import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { withTimeout } from '@sealpost/kafka';
import { MessageRecord } from '../../messages/message-record.schema';
import { AnnouncementBatch, MarkedMove } from '../announcement-batch.schema';
import { errorSummary } from '../../dispatch/error-summary';
import { PollLoop } from '../../dispatch/poll-loop';
import { MARKER_GRACE_MS } from '../../config/delivery-timing';
import { DirectDispatch } from '../../device-dispatch/direct-dispatch';
import { DirectJobs } from '../../device-dispatch/direct-jobs';
import { DispatchOwnership } from '../../dispatch/dispatch-ownership';
import { inKeyOrder } from '../../dispatch/in-key-order';
import { WebhookOutbox } from '../../webhooks/webhook-outbox';
import { AdvanceStatusUseCase } from '../advance-status/advance-status.use-case';
import { statusesOfMarkers } from '../marked-statuses';
import { StatusAnnouncer } from '../status-announcer';
import { keptLeased } from './kept-leased';
import { ReportedStatus, statusSteps } from '../status-steps';

const INTERVAL_MS = 5000;
/** an interrupted recovery is simply redone by the next process */
const STOP_BOUND_MS = 2000;
const ORDER: readonly ReportedStatus[] = ['sent', 'delivered', 'read', 'failed'];
/** a left-behind marker's moves made side by side: one at a time, a marker of 100 took 15 s after a store restart */
const MOVES_AT_ONCE = 16;

/**
 * Finishes announcements a killed process left half done: a status change is stored before
 * it is announced, and `announce_due_at` (one message) or an announcement batch (the batch
 * path) stays until the announcement completes.
 */
@Injectable()
export class RecoverAnnouncementsTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecoverAnnouncementsTask.name);
  private stopping = false;
  private readonly loop = new PollLoop(() => this.run(), INTERVAL_MS, (err) => this.logger.warn(errorSummary(err), 'announcement recovery failed; will retry'));

  constructor(
    @InjectModel(MessageRecord.name) private readonly messages: Model<MessageRecord>,
    @InjectModel(AnnouncementBatch.name) private readonly batches: Model<AnnouncementBatch>,
    private readonly announcer: StatusAnnouncer,
    private readonly advanceStatus: AdvanceStatusUseCase,
    private readonly directJobs: DirectJobs,
    private readonly directDispatch: DirectDispatch,
    private readonly ownership: DispatchOwnership,
    private readonly webhookEntries: WebhookOutbox,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await withTimeout(this.loop.stop(), STOP_BOUND_MS, 'announcement recovery').catch(() => undefined);
  }

  async run(): Promise<void> {
    const cutoff = new Date(Date.now() - MARKER_GRACE_MS);
    const stale = await this.messages.find({ announce_pending: true, announce_due_at: { $lt: cutoff } }).limit(100).lean().exec();
    for (const message of stale) {
      if (this.stopping) return;
      await this.announceAgain(message, message.announce_due_at!);
      await this.messages.updateOne({ message_id: message.message_id, announce_due_at: message.announce_due_at }, { $set: { announce_due_at: null, announce_pending: false } }).exec();
      this.logger.log({ message_id: message.message_id }, 'recovered an interrupted status announcement');
    }
    // the batch path's markers: the collection holds only batches in flight, so this read is small
    const left = (await this.batches.find({ created_at: { $lt: cutoff } }).lean().exec()).filter((b) => this.advanceStatus.isLeftBehind(b));
    for (const batch of left.slice(0, 20)) {
      // a marker names each message once: its moves are independent, and a store outage can leave thousands
      const unfinished = await inKeyOrder(batch.moves, (move) => move.message_id, MOVES_AT_ONCE, async (move) => {
        if (this.stopping) return 'stop';
        await this.finishMove(move);
        return 'done';
      });
      if (unfinished.length > 0) return;
      // a marker written before markers held their moves: announce every status its messages reached
      for (const id of batch.moves.length === 0 ? batch.message_ids : []) {
        if (this.stopping) return;
        const message = await this.messages.findOne({ message_id: id }).lean().exec();
        if (message) await this.announceAgain(message);
      }
      await this.directJobs.deleteSettled(batch.settled_job_tokens ?? []);
      await this.batches.deleteOne({ _id: batch._id }).exec();
      this.logger.log({ messages: batch.message_ids.length }, 'recovered an interrupted batch of status announcements');
    }
    // only now, with every outcome a dead process stored applied, may its unsettled jobs go out again; a marker
    // not yet recovered (another instance's, until this one holds its shards) keeps leased the jobs it settles
    // and the status webhooks it announces, as do this process's POSTs whose marker is still to be stored
    const { markers: unrecovered, tokens: settled } = await keptLeased(
      () => this.directDispatch.tokensUnderWay(),
      () => this.batches.find({}, { settled_job_tokens: 1, moves: 1 }).lean().exec(),
    );
    const released = await this.directJobs.releaseLapsed(settled, this.ownership.tenure().shards);
    if (released > 0) this.logger.log({ jobs: released }, 'device jobs of an interrupted direct batch handed to the poller');
    const webhooks = await this.webhookEntries.releaseLapsed(statusesOfMarkers(unrecovered));
    if (webhooks > 0) this.logger.log({ webhooks }, 'status webhooks of an interrupted direct POST handed to the poller');
  }

  /**
   * Makes the move if it was not made, and announces its steps the message took (those of this
   * move only: an earlier status's webhook may be acknowledged and gone, never to be sent again).
   */
  private async finishMove({ message_id, from, target, errors }: MarkedMove): Promise<void> {
    await this.advanceStatus.execute(message_id, target, errors);
    const message = await this.messages.findOne({ message_id }).lean().exec();
    if (!message) return;
    for (const step of statusSteps(from, target)) {
      const at = message[`${step}_at`];
      if (at) await this.announcer.announce(message, step, at, step === 'failed' ? message.status_errors : undefined);
    }
  }

  /**
   * Every status the message reached (only the one reached at `at`, for a flag set then); the
   * announcer skips those whose webhook entry exists.
   */
  private async announceAgain(message: MessageRecord, at?: Date): Promise<void> {
    for (const status of ORDER) {
      const reached = message[`${status}_at`];
      if (reached && (!at || reached.getTime() === at.getTime())) await this.announcer.announce(message, status, reached, status === 'failed' ? message.status_errors : undefined);
    }
  }
}
