import { Injectable } from '@nestjs/common';
import { MessageRejectedPayload } from '@sealpost/contracts';
import { BusinessDirectory } from '../../businesses/business-directory';
import { StatusAnnouncer, WEBHOOK_WINDOW_MS } from '../../status/status-announcer';

/**
 * A submission ingestion refused (CONTRACT §4): nothing to deliver, but the business is owed a
 * `failed` webhook carrying the reason. Ingestion already reported the refusal to audit.
 */
@Injectable()
export class HandleRejectedMessageUseCase {
  constructor(
    private readonly businesses: BusinessDirectory,
    private readonly announcer: StatusAnnouncer,
  ) {}

  async execute(payload: MessageRejectedPayload): Promise<void> {
    await this.businesses.remember(payload.business_id, payload.business);
    const at = new Date(payload.rejected_at);
    await this.announcer.enqueueWebhooks([{
      businessId: payload.business_id,
      messageId: payload.message_id,
      status: 'failed',
      at,
      errors: [payload.error],
      giveUpAt: new Date(at.getTime() + WEBHOOK_WINDOW_MS),
    }]);
  }
}
