import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiTags } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { AuditTrail } from '@sealpost/kafka';
import { AdminRoute } from '@sealpost/platform';
import { DEFAULT_MAX_AGE, PolicyView, PutPolicyRequest } from './policy.dto';
import { Policy } from './policy.schema';

@ApiTags('admin')
@AdminRoute()
@Controller('admin/policies')
export class PoliciesController {
  constructor(
    @InjectModel(Policy.name) private readonly policies: Model<Policy>,
    private readonly audit: AuditTrail,
  ) {}

  @Get(':business_id')
  async get(@Param('business_id') businessId: string): Promise<PolicyView> {
    const policy = await this.policies.findOne({ business_id: businessId }).lean().exec();
    return { business_id: businessId, max_age: policy?.max_age ?? DEFAULT_MAX_AGE, explicit: policy !== null };
  }

  @Put(':business_id')
  async put(@Param('business_id') businessId: string, @Body() body: PutPolicyRequest): Promise<PolicyView> {
    await this.policies.updateOne({ business_id: businessId }, { $set: { max_age: body.max_age, updated_at: new Date() } }, { upsert: true }).exec();
    await this.audit.record('retention.policy_set', { actor: 'admin', action: 'put-policy', target: businessId, outcome: 'success', detail: { max_age: body.max_age } }, { businessId, correlationId: businessId });
    return { business_id: businessId, max_age: body.max_age, explicit: true };
  }
}
