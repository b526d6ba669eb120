import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuditTrail } from '@sealpost/kafka';
import { ApiError, EndpointPolicy } from '@sealpost/platform';
import { BusinessDirectory } from '../business-directory';
import { Business } from '../business.schema';
import { BusinessView, UpdateBusinessRequest } from '../business.dto';
import { toBusinessView } from '../business-view';

@Injectable()
export class UpdateBusinessUseCase {
  constructor(
    @InjectModel(Business.name) private readonly businesses: Model<Business>,
    private readonly audit: AuditTrail,
    private readonly directory: BusinessDirectory,
    private readonly endpoints: EndpointPolicy,
  ) {}

  async execute(businessId: string, changes: UpdateBusinessRequest): Promise<BusinessView> {
    if (changes.webhook_url !== undefined) await this.endpoints.assertAllowed('webhook_url', changes.webhook_url);
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const updated = await this.businesses
      .findOneAndUpdate({ business_id: businessId }, { $set: set, $inc: { revision: 1 } }, { new: true })
      .lean()
      .exec();
    if (!updated) throw new ApiError(HttpStatus.NOT_FOUND, 100, 'Unknown business', `no business ${businessId}`);
    this.directory.forget(updated);
    await this.audit.record('business.updated', { actor: 'admin', action: 'update-business', target: businessId, outcome: 'success', detail: { fields: Object.keys(set).join(',') } }, { businessId, correlationId: businessId });
    return toBusinessView(updated);
  }
}
