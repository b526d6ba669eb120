import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ServiceCoreModule } from '@sealpost/platform';
import { AuditAdminController } from './admin/audit-admin.controller';
import { Checkpoint, CheckpointSchema } from './checkpoints/checkpoint.schema';
import { CheckpointService } from './checkpoints/checkpoint.service';
import { ExtensionGuard } from './checkpoints/extension-guard';
import { AuditEnv } from './config/audit.env';
import { ExpireEventsTask } from './expiry/expire-events.task';
import { LogIntegrity } from './integrity/log-integrity';
import { AppendEventsUseCase } from './records/append-events.use-case';
import { AuditRecord, AuditRecordSchema } from './records/audit-record.schema';
import { AuditEventsConsumer } from './records/audit-events.consumer';
import { LogTree } from './records/log-tree';
import { ProveConsistencyUseCase } from './records/prove-consistency/prove-consistency.use-case';
import { ProveInclusionUseCase } from './records/prove-inclusion/prove-inclusion.use-case';
import { RecordsBySeq } from './records/records-by-seq';
import { VerifyLogUseCase } from './records/verify-log/verify-log.use-case';
import { signingKeyProvider } from './signing-key/signing-key.provider';
import { verifyingKeyProvider } from './signing-key/verifying-key.provider';

@Module({
  imports: [
    ServiceCoreModule.forService({ service: 'audit', env: AuditEnv }),
    MongooseModule.forFeature([
      { name: AuditRecord.name, schema: AuditRecordSchema },
      { name: Checkpoint.name, schema: CheckpointSchema },
    ]),
  ],
  controllers: [AuditAdminController],
  providers: [signingKeyProvider, verifyingKeyProvider, ExpireEventsTask, AppendEventsUseCase, AuditEventsConsumer, CheckpointService, ExtensionGuard, LogIntegrity, LogTree, VerifyLogUseCase, ProveInclusionUseCase, ProveConsistencyUseCase, RecordsBySeq],
})
export class AuditModule {}
