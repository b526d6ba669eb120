import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ServiceCoreModule } from '@sealpost/platform';
import { RetentionEnv } from './config/retention.env';
import { PoliciesController } from './policies/policies.controller';
import { Policy, PolicySchema } from './policies/policy.schema';

@Module({
  imports: [
    ServiceCoreModule.forService({ service: 'retention', env: RetentionEnv }),
    MongooseModule.forFeature([{ name: Policy.name, schema: PolicySchema }]),
  ],
  controllers: [PoliciesController],
})
export class RetentionModule {}
