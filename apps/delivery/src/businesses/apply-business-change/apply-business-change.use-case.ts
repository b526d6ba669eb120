import { Injectable } from '@nestjs/common';
import { BusinessChangedPayload } from '@sealpost/contracts';
import { DispatchSignals } from '../../dispatch/dispatch-signals';
import { WebhookSchedule } from '../../webhooks/webhook-schedule';
import { BusinessDirectory } from '../business-directory';

/**
 * An admin changed a business: its routing is stored at once (the newest revision wins), so
 * every status webhook from now on — those already owed included — goes to the new webhook_url,
 * signed with the current secret; one that waited out a failing endpoint's backoff is due now.
 */
@Injectable()
export class ApplyBusinessChangeUseCase {
  constructor(
    private readonly businesses: BusinessDirectory,
    private readonly schedule: WebhookSchedule,
    private readonly signals: DispatchSignals,
  ) {}

  async execute({ business_id, business }: BusinessChangedPayload): Promise<void> {
    await this.businesses.remember(business_id, business);
    await this.schedule.restarted(business_id);
    this.signals.notify('webhook');
  }
}
