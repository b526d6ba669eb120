import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';
import { BusinessChangedPayload, createEvent, MESSAGE_EVENT_TYPES, TOPICS } from '@sealpost/contracts';
import { AuditTrail, KafkaPublisher } from '@sealpost/kafka';
import { ApiError } from '@sealpost/platform';
import { BusinessDirectory } from './business-directory';
import { Business } from './business.schema';
import { toRouting } from './business-view';

/** How an admin change is recorded in the audit log. */
export interface AuditedChange {
  type: string;
  action: string;
  detail?: Record<string, string>;
}

/**
 * The one way an onboarded business changes: a new revision stored, both the old and the new
 * cached entries forgotten here at once (other instances within BusinessDirectory's 5 s), the
 * change announced to delivery (`business.changed`: routing only, the app secret encrypted),
 * and audited.
 */
@Injectable()
export class BusinessChanges {
  constructor(
    @InjectModel(Business.name) private readonly businesses: Model<Business>,
    private readonly directory: BusinessDirectory,
    private readonly publisher: KafkaPublisher,
    private readonly audit: AuditTrail,
  ) {}

  async apply(businessId: string, update: UpdateQuery<Business>, audited: AuditedChange): Promise<Business> {
    const before = await this.businesses.findOneAndUpdate({ business_id: businessId }, { ...update, $inc: { revision: 1 } }).lean().exec();
    if (!before) throw new ApiError(HttpStatus.NOT_FOUND, 100, 'Unknown business', 'no business with that id; GET /admin/businesses lists them');
    const after = (await this.businesses.findOne({ business_id: businessId }).lean().exec())!;
    this.directory.forget(before);
    this.directory.forget(after);
    // delivery applies it at once, to statuses already owed too, instead of at the business's next send
    const changed: BusinessChangedPayload = { business_id: businessId, business: toRouting(after) };
    await this.publisher.publish(TOPICS.messagesAccepted, [{ key: businessId, value: createEvent(MESSAGE_EVENT_TYPES.businessChanged, changed, { businessId, correlationId: businessId }) }]);
    await this.audit.record(audited.type, { actor: 'admin', action: audited.action, target: businessId, outcome: 'success', ...(audited.detail && { detail: audited.detail }) }, { businessId, correlationId: businessId });
    return after;
  }
}
