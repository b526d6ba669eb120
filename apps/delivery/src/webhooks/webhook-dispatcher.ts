import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DispatchOwnership, Tenure } from '../dispatch/dispatch-ownership';
import { DispatchSignals } from '../dispatch/dispatch-signals';
import { KeyedDispatcher } from '../dispatch/keyed-dispatcher';
import { SendWebhooksUseCase } from './send-webhooks/send-webhooks.use-case';
import { WebhookOutboxEntry } from './webhook-outbox.schema';

/** Drains due status webhooks, one worker per business; the outbox is the schedule. */
@Injectable()
export class WebhookDispatcher extends KeyedDispatcher<WebhookOutboxEntry> {
  constructor(
    @InjectModel(WebhookOutboxEntry.name) outbox: Model<WebhookOutboxEntry>,
    private readonly send: SendWebhooksUseCase,
    ownership: DispatchOwnership,
    signals: DispatchSignals,
  ) {
    super(outbox, 'business_id', ownership, signals, 'webhook');
  }

  protected drain(businessId: string, tenure: Tenure): Promise<void> {
    return this.send.drain(businessId, tenure);
  }
}
