import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KeysClientModule, keysClientOptionsFor } from '@sealpost/keys-client';
import { ServiceCoreModule } from '@sealpost/platform';
import { KeyEventsConsumer } from './businesses/key-events.consumer';
import { KnownBusiness, KnownBusinessSchema } from './businesses/known-business.schema';
import { RetentionCommandsPublisher } from './commands/retention-commands.publisher';
import { RetentionReportsConsumer } from './commands/retention-reports.consumer';
import { RetentionRun, RetentionRunSchema } from './commands/retention-run.schema';
import { RunsController } from './commands/runs.controller';
import { RetentionEnv } from './config/retention.env';
import { RequestErasureUseCase } from './erasures/request-erasure/request-erasure.use-case';
import { PoliciesController } from './policies/policies.controller';
import { Policy, PolicySchema } from './policies/policy.schema';
import { StartSweepUseCase } from './sweeps/start-sweep/start-sweep.use-case';
import { SweepScheduler } from './sweeps/sweep-scheduler';

@Module({
  imports: [
    ServiceCoreModule.forService({ service: 'retention', env: RetentionEnv }),
    KeysClientModule.forRootAsync(keysClientOptionsFor('retention')),
    MongooseModule.forFeature([
      { name: Policy.name, schema: PolicySchema },
      { name: KnownBusiness.name, schema: KnownBusinessSchema },
      { name: RetentionRun.name, schema: RetentionRunSchema },
    ]),
  ],
  controllers: [PoliciesController, RunsController],
  providers: [KeyEventsConsumer, RetentionCommandsPublisher, RetentionReportsConsumer, StartSweepUseCase, SweepScheduler, RequestErasureUseCase],
})
export class RetentionModule {}
