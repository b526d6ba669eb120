import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EndpointPolicy, ServiceCoreModule } from '@sealpost/platform';
import { retentionParticipantProviders } from '@sealpost/retention-client';
import { BusinessAccessModule } from './businesses/business-access.module';
import { BusinessesController } from './businesses/businesses.controller';
import { BusinessChanges } from './businesses/business-changes';
import { RotateCredentialsUseCase } from './businesses/rotate-credentials/rotate-credentials.use-case';
import { CreateBusinessUseCase } from './businesses/create-business/create-business.use-case';
import { UpdateBusinessUseCase } from './businesses/update-business/update-business.use-case';
import { IngestionEnv } from './config/ingestion.env';
import { ApplyStatusEventsUseCase } from './message-status/apply-status-events/apply-status-events.use-case';
import { MessageStatusController } from './message-status/message-status.controller';
import { StatusEntries } from './message-status/status-entries';
import { StatusEntry, StatusEntrySchema } from './message-status/status-entry.schema';
import { StatusEventsConsumer } from './message-status/status-events.consumer';
import { AcceptedPublisher } from './messages/accepted-publisher';
import { MessageRepository } from './messages/message.repository';
import { Message, MessageSchema } from './messages/message.schema';
import { OutboxRelay } from './messages/outbox-relay';
import { UnpublishedBatch, UnpublishedBatchSchema } from './messages/unpublished-batch.schema';
import { UnpublishedBatches } from './messages/unpublished-batches';
import { BusinessRateLimiter } from './rate-limit/business-rate-limiter';
import { IngestionRetentionHandler } from './retention/ingestion-retention.handler';
import { AcceptMessagesUseCase } from './send-message/accept-messages/accept-messages.use-case';
import { HttpSends } from './send-message/http-sends';
import { MarkReadUseCase } from './send-message/mark-read/mark-read.use-case';
import { SendMessageController } from './send-message/send-message.controller';
import { SubmissionDecoder } from './submit-consumer/submission-decoder';
import { SubmissionRejection } from './submit-consumer/submission-rejection';
import { SubmitConsumer } from './submit-consumer/submit.consumer';
import { CreateTemplateUseCase } from './templates/create-template/create-template.use-case';
import { DeleteTemplateUseCase } from './templates/delete-template/delete-template.use-case';
import { ListTemplatesUseCase } from './templates/list-templates/list-templates.use-case';
import { MessageTemplateDocument, MessageTemplateSchema } from './templates/message-template.schema';
import { MessageTemplateRepository } from './templates/message-template.repository';
import { MessageTemplatesController } from './templates/message-templates.controller';
import { TemplateCatalog } from './templates/template-catalog';
import { MessageContents } from './send-message/accept-messages/message-contents';
import { INGESTION_KEYS } from './ingestion-keys';
import { MediaModule } from './media/media.module';

@Module({
  imports: [
    ServiceCoreModule.forService({ service: 'ingestion', env: IngestionEnv }),
    INGESTION_KEYS,
    BusinessAccessModule,
    MongooseModule.forFeature([
      { name: Message.name, schema: MessageSchema },
      { name: UnpublishedBatch.name, schema: UnpublishedBatchSchema },
      { name: StatusEntry.name, schema: StatusEntrySchema },
      { name: MessageTemplateDocument.name, schema: MessageTemplateSchema },
    ]),
    // last: its routes must come after the service core's (see MediaModule)
    MediaModule,
  ],
  controllers: [BusinessesController, MessageStatusController, SendMessageController, MessageTemplatesController],
  providers: [
    CreateBusinessUseCase,
    BusinessChanges,
    RotateCredentialsUseCase,
    EndpointPolicy,
    UpdateBusinessUseCase,
    BusinessRateLimiter,
    AcceptMessagesUseCase,
    MessageContents,
    MessageTemplateRepository,
    TemplateCatalog,
    CreateTemplateUseCase,
    ListTemplatesUseCase,
    DeleteTemplateUseCase,
    AcceptedPublisher,
    MessageRepository,
    OutboxRelay,
    UnpublishedBatches,
    HttpSends,
    MarkReadUseCase,
    ApplyStatusEventsUseCase,
    StatusEntries,
    StatusEventsConsumer,
    SubmissionDecoder,
    SubmitConsumer,
    SubmissionRejection,
    ...retentionParticipantProviders(IngestionRetentionHandler),
  ],
})
export class IngestionModule {}
