import { Body, Controller, Get, HttpStatus, Param, Put } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiTags } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { AuditTrail } from '@sealpost/kafka';
import { AdminRoute, ApiError } from '@sealpost/platform';
import { KnownBusiness } from '../businesses/known-business.schema';
import { DEFAULT_MAX_AGE, PolicyView, PutPolicyRequest } from './policy.dto';
import { Policy } from './policy.schema';
import { NO_SERVICE_WINDOW } from './service-window';

const KNOWN_BUSINESS_WAIT_MS = 3000;

@ApiTags('admin')
@AdminRoute()
@Controller('admin/policies')
export class PoliciesController {
  constructor(
    @InjectModel(Policy.name) private readonly policies: Model<Policy>,
    @InjectModel(KnownBusiness.name) private readonly businesses: Model<KnownBusiness>,
    private readonly audit: AuditTrail,
  ) {}

  @Get(':business_id')
  async get(@Param('business_id') businessId: string): Promise<PolicyView> {
    await this.requireKnown(businessId, HttpStatus.NOT_FOUND);
    const policy = await this.policies.findOne({ business_id: businessId }).lean().exec();
    return { business_id: businessId, max_age: policy?.max_age ?? DEFAULT_MAX_AGE, service_window: policy?.service_window ?? NO_SERVICE_WINDOW, explicit: policy !== null };
  }

  @Put(':business_id')
  async put(@Param('business_id') businessId: string, @Body() body: PutPolicyRequest): Promise<PolicyView> {
    await this.requireKnown(businessId, HttpStatus.BAD_REQUEST);
    // a window left out keeps the one set before: changing how long messages are kept must not open conversations
    const given = { max_age: body.max_age, ...(body.service_window !== undefined && { service_window: body.service_window }) };
    await this.policies.updateOne({ business_id: businessId }, { $set: { ...given, updated_at: new Date() } }, { upsert: true }).exec();
    const stored = await this.policies.findOne({ business_id: businessId }, { service_window: 1 }).lean().exec();
    const policy = { max_age: body.max_age, service_window: stored?.service_window ?? NO_SERVICE_WINDOW };
    await this.audit.record('retention.policy_set', { actor: 'admin', action: 'put-policy', target: businessId, outcome: 'success', detail: policy }, { businessId, correlationId: businessId });
    return { business_id: businessId, ...policy, explicit: true };
  }

  /** A just-onboarded business may take a moment to be announced, so an unknown id is re-checked briefly. */
  private async requireKnown(businessId: string, status: HttpStatus): Promise<void> {
    const deadline = Date.now() + KNOWN_BUSINESS_WAIT_MS;
    while (!(await this.businesses.exists({ business_id: businessId }).exec())) {
      if (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      throw new ApiError(status, 100, 'Unknown business', 'no business with that id; onboard it on ingestion first (GET /admin/businesses there lists them)');
    }
  }
}
