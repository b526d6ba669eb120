import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DispatchOwnership, Tenure } from '../../dispatch/dispatch-ownership';
import { DispatchSignals } from '../../dispatch/dispatch-signals';
import { KeyedDispatcher } from '../../dispatch/keyed-dispatcher';
import { InboundMessage } from '../inbound-message.schema';
import { SendInboundWebhooksUseCase } from './send-inbound-webhooks.use-case';

/** Drains due inbound-message webhooks, one worker per business; the inbound_messages collection is the schedule. */
@Injectable()
export class InboundWebhookDispatcher extends KeyedDispatcher<InboundMessage> {
  constructor(
    @InjectModel(InboundMessage.name) inbound: Model<InboundMessage>,
    private readonly send: SendInboundWebhooksUseCase,
    ownership: DispatchOwnership,
    signals: DispatchSignals,
  ) {
    super(inbound, 'business_id', ownership, signals, 'webhook');
  }

  protected drain(businessId: string, tenure: Tenure): Promise<void> {
    return this.send.drain(businessId, tenure);
  }
}
