import { Injectable } from '@nestjs/common';
import { EndpointPolicy } from '@sealpost/platform';
import { BusinessChanges } from '../business-changes';
import { BusinessView, UpdateBusinessRequest } from '../business.dto';
import { toBusinessView } from '../business-view';

@Injectable()
export class UpdateBusinessUseCase {
  constructor(
    private readonly changes: BusinessChanges,
    private readonly endpoints: EndpointPolicy,
  ) {}

  async execute(businessId: string, request: UpdateBusinessRequest): Promise<BusinessView> {
    if (request.webhook_url !== undefined) await this.endpoints.assertAllowed('webhook_url', request.webhook_url);
    const set = Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined));
    const updated = await this.changes.apply(businessId, { $set: set }, { type: 'business.updated', action: 'update-business', detail: { fields: Object.keys(set).join(',') } });
    return toBusinessView(updated);
  }
}
