import { DeliveryMetrics } from './dispatch/delivery-metrics';
import { dispatchOwnershipProvider } from './dispatch/dispatch-ownership.provider';
import { DispatchSignals } from './dispatch/dispatch-signals';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KeysClientModule, keysClientOptionsFor } from '@sealpost/keys-client';
import { EndpointPolicy, ServiceCoreModule } from '@sealpost/platform';
import { retentionParticipantProviders } from '@sealpost/retention-client';
import { AcceptedMessagesConsumer } from './accepted-messages/accepted-messages.consumer';
import { QueueAcceptedMessagesUseCase } from './accepted-messages/queue-accepted/queue-accepted-messages.use-case';
import { HandleRejectedMessageUseCase } from './accepted-messages/handle-rejected/handle-rejected-message.use-case';
import { Business, BusinessSchema } from './businesses/business.schema';
import { BusinessDirectory } from './businesses/business-directory';
import { deliveryTimingProvider } from './config/delivery-timing';
import { DeliveryEnv } from './config/delivery.env';
import { DeliverBatchUseCase } from './device-dispatch/deliver-batch/deliver-batch.use-case';
import { DeviceDispatcher } from './device-dispatch/device-dispatcher';
import { DirectDispatch } from './device-dispatch/direct-dispatch';
import { DirectJobs } from './device-dispatch/direct-jobs';
import { DeviceJob, DeviceJobSchema } from './device-dispatch/device-job.schema';
import { ReportOutcomesUseCase } from './device-dispatch/report-outcomes/report-outcomes.use-case';
import { Device, DeviceSchema } from './devices/device.schema';
import { DevicesController } from './devices/devices.controller';
import { RemoveDeviceUseCase } from './devices/remove-device/remove-device.use-case';
import { RegisterDeviceUseCase } from './devices/register-device/register-device.use-case';
import { MessageKeys } from './messages/message-keys';
import { MessageRecord, MessageRecordSchema } from './messages/message-record.schema';
import { DeviceTokenGuard } from './receipts/device-token.guard';
import { ReceiptsController } from './receipts/receipts.controller';
import { RecordReceiptUseCase } from './receipts/record-receipt/record-receipt.use-case';
import { DeliveryRetentionHandler } from './retention/delivery-retention.handler';
import { AdvanceStatusUseCase } from './status/advance-status/advance-status.use-case';
import { AnnouncementBatch, AnnouncementBatchSchema } from './status/announcement-batch.schema';
import { RecoverAnnouncementsTask } from './status/recover-announcements/recover-announcements.task';
import { StatusAnnouncer } from './status/status-announcer';
import { SendWebhooksUseCase } from './webhooks/send-webhooks/send-webhooks.use-case';
import { ApplyBusinessChangeUseCase } from './businesses/apply-business-change/apply-business-change.use-case';
import { EarlierStatuses } from './webhooks/send-webhooks/earlier-statuses';
import { OutboundPost } from './dispatch/outbound-post';
import { StatusRecipient } from './webhooks/status-recipient';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhookOutboxEntry, WebhookOutboxEntrySchema } from './webhooks/webhook-outbox.schema';
import { WebhookSchedule } from './webhooks/webhook-schedule';
import { DirectWebhooks } from './webhooks/direct-webhooks';
import { WebhookOutbox } from './webhooks/webhook-outbox';
import { BusinessInboundKeys } from './inbound/business-keys/business-inbound-keys';
import { BusinessKeysController } from './inbound/business-keys/business-keys.controller';
import { GetBusinessKeyUseCase } from './inbound/business-keys/get-business-key.use-case';
import { InboundKey, InboundKeySchema } from './inbound/business-keys/inbound-key.schema';
import { InboundMessage, InboundMessageSchema } from './inbound/inbound-message.schema';
import { InboundMessagesController } from './inbound/receive-inbound/inbound-messages.controller';
import { ReadByBusinessUseCase } from './inbound/read-by-business/read-by-business.use-case';
import { SignalSender } from './inbound/read-by-business/signal-sender';
import { ReceiveInboundUseCase } from './inbound/receive-inbound/receive-inbound.use-case';
import { InboundReader } from './inbound/send-inbound/inbound-reader';
import { InboundWebhookDispatcher } from './inbound/send-inbound/inbound-webhook-dispatcher';
import { SendInboundWebhooksUseCase } from './inbound/send-inbound/send-inbound-webhooks.use-case';
import { AttachInboundMedia } from './inbound/media/attach-media/attach-inbound-media';
import { BusinessInboundMediaUseCase } from './inbound/media/business-media/business-inbound-media.use-case';
import { IngestionCallerGuard, ingestionCredentialProvider } from './inbound/media/business-media/ingestion-caller.guard';
import { InternalMediaController } from './inbound/media/business-media/internal-media.controller';
import { InboundMediaRepository } from './inbound/media/inbound-media.repository';
import { InboundMedia, InboundMediaSchema } from './inbound/media/inbound-media.schema';
import { InboundMediaController } from './inbound/media/upload-media/inbound-media.controller';
import { UploadInboundMediaUseCase } from './inbound/media/upload-media/upload-inbound-media.use-case';
import { CustomerContact, CustomerContactSchema } from './service-window/customer-contact.schema';
import { CustomerContacts } from './service-window/customer-contacts';
import { ServiceWindow, ServiceWindowSchema } from './service-window/service-window.schema';
import { ServiceWindowGate } from './service-window/service-window-gate';
import { ServiceWindows } from './service-window/service-windows';

@Module({
  imports: [
    ServiceCoreModule.forService({ service: 'delivery', env: DeliveryEnv }),
    KeysClientModule.forRootAsync(keysClientOptionsFor('delivery')),
    MongooseModule.forFeature([
      { name: Device.name, schema: DeviceSchema },
      { name: Business.name, schema: BusinessSchema },
      { name: MessageRecord.name, schema: MessageRecordSchema },
      { name: DeviceJob.name, schema: DeviceJobSchema },
      { name: WebhookOutboxEntry.name, schema: WebhookOutboxEntrySchema },
      { name: AnnouncementBatch.name, schema: AnnouncementBatchSchema },
      { name: InboundKey.name, schema: InboundKeySchema },
      { name: InboundMessage.name, schema: InboundMessageSchema },
      { name: ServiceWindow.name, schema: ServiceWindowSchema },
      { name: CustomerContact.name, schema: CustomerContactSchema },
      { name: InboundMedia.name, schema: InboundMediaSchema },
    ]),
  ],
  controllers: [DevicesController, ReceiptsController, BusinessKeysController, InboundMessagesController, InboundMediaController, InternalMediaController],
  providers: [
    DispatchSignals,
    OutboundPost,
    EndpointPolicy,
    dispatchOwnershipProvider,
    DeliveryMetrics,
    deliveryTimingProvider,
    BusinessDirectory,
    MessageKeys,
    RegisterDeviceUseCase,
    RemoveDeviceUseCase,
    DeviceTokenGuard,
    InboundMediaRepository,
    UploadInboundMediaUseCase,
    AttachInboundMedia,
    BusinessInboundMediaUseCase,
    ingestionCredentialProvider,
    IngestionCallerGuard,
    RecordReceiptUseCase,
    WebhookOutbox,
    DirectWebhooks,
    StatusAnnouncer,
    AdvanceStatusUseCase,
    RecoverAnnouncementsTask,
    DirectJobs,
    DirectDispatch,
    QueueAcceptedMessagesUseCase,
    HandleRejectedMessageUseCase,
    AcceptedMessagesConsumer,
    ReportOutcomesUseCase,
    DeliverBatchUseCase,
    DeviceDispatcher,
    StatusRecipient,
    WebhookSchedule,
    SendWebhooksUseCase,
    ApplyBusinessChangeUseCase,
    EarlierStatuses,
    WebhookDispatcher,
    BusinessInboundKeys,
    GetBusinessKeyUseCase,
    ReceiveInboundUseCase,
    ReadByBusinessUseCase,
    SignalSender,
    InboundReader,
    SendInboundWebhooksUseCase,
    InboundWebhookDispatcher,
    ServiceWindows,
    CustomerContacts,
    ServiceWindowGate,
    ...retentionParticipantProviders(DeliveryRetentionHandler),
  ],
})
export class DeliveryModule {}
