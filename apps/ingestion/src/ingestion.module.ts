import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KeysClientModule, keysClientOptionsFor } from '@sealpost/keys-client';
import { ServiceCoreModule } from '@sealpost/platform';
import { retentionParticipantProviders } from '@sealpost/retention-client';
import { Business, BusinessSchema } from './businesses/business.schema';
import { BusinessTokenGuard } from './businesses/business-token.guard';
import { BusinessesController } from './businesses/businesses.controller';
import { CreateBusinessUseCase } from './businesses/create-business/create-business.use-case';
import { UpdateBusinessUseCase } from './businesses/update-business/update-business.use-case';
import { IngestionEnv } from './config/ingestion.env';
import { MessageStatusController } from './message-status/message-status.controller';
import { StatusEventsConsumer } from './message-status/status-events.consumer';
import { AcceptedPublisher } from './messages/accepted-publisher';
import { Message, MessageSchema } from './messages/message.schema';
import { OutboxRelay } from './messages/outbox-relay';
import { BusinessRateLimiter } from './rate-limit/business-rate-limiter';
import { IngestionRetentionHandler } from './retention/ingestion-retention.handler';
import { AcceptMessageUseCase } from './send-message/accept-message/accept-message.use-case';
import { SendMessageController } from './send-message/send-message.controller';
import { SubmissionRejection } from './submit-consumer/submission-rejection';
import { SubmitConsumer } from './submit-consumer/submit.consumer';

@Module({
  imports: [
    ServiceCoreModule.forService({ service: 'ingestion', env: IngestionEnv }),
    KeysClientModule.forRootAsync(keysClientOptionsFor('ingestion')),
    MongooseModule.forFeature([
      { name: Business.name, schema: BusinessSchema },
      { name: Message.name, schema: MessageSchema },
    ]),
  ],
  controllers: [BusinessesController, MessageStatusController, SendMessageController],
  providers: [
    BusinessTokenGuard,
    CreateBusinessUseCase,
    UpdateBusinessUseCase,
    BusinessRateLimiter,
    AcceptMessageUseCase,
    AcceptedPublisher,
    OutboxRelay,
    StatusEventsConsumer,
    SubmitConsumer,
    SubmissionRejection,
    ...retentionParticipantProviders(IngestionRetentionHandler),
  ],
})
export class IngestionModule {}
