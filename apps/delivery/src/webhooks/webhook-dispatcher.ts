import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { errorSummary } from '../dispatch/error-summary';
import { KeyedWorkers } from '../dispatch/keyed-workers';
import { DispatchSignals } from '../dispatch/dispatch-signals';
import { dueKeys } from '../dispatch/lease';
import { PollLoop } from '../dispatch/poll-loop';
import { SendWebhooksUseCase } from './send-webhooks/send-webhooks.use-case';
import { WebhookOutboxEntry } from './webhook-outbox.schema';

/** fallback poll: new work wakes the loop at once (DispatchSignals) */
const POLL_MS = 1000;
const CONCURRENT_BUSINESSES = 8;

/** Finds businesses with due status webhooks and drains each with one worker; the outbox is the schedule. */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly workers = new KeyedWorkers(CONCURRENT_BUSINESSES, (err) => this.logger.warn(errorSummary(err), 'webhook worker failed; its entries wait for their lease to expire'));
  private readonly loop = new PollLoop(() => this.tick(), POLL_MS, (err) => this.logger.warn(errorSummary(err), 'webhook dispatch poll failed'));

  constructor(
    @InjectModel(WebhookOutboxEntry.name) private readonly outbox: Model<WebhookOutboxEntry>,
    private readonly send: SendWebhooksUseCase,
    signals: DispatchSignals,
  ) {
    signals.on('webhook', () => this.loop.wake());
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.workers.idle();
  }

  private async tick(): Promise<void> {
    if (this.workers.full) return;
    for (const businessId of await dueKeys(this.outbox, 'business_id')) {
      if (this.workers.full) break;
      this.workers.start(businessId, () => this.send.drain(businessId));
    }
  }
}
