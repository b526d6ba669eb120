import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EndpointPolicy } from '@sealpost/platform';
import { BusinessAccessModule } from '../businesses/business-access.module';
import { INGESTION_KEYS } from '../ingestion-keys';
import { DeleteMediaUseCase } from './delete-media/delete-media.use-case';
import { DownloadMediaUseCase } from './download-media/download-media.use-case';
import { MediaController } from './media.controller';
import { MediaRecord, MediaRecordSchema } from './media.schema';
import { InboundMediaClient, inboundMediaEndpointProvider } from './inbound-media-client';
import { MediaRepository } from './media.repository';
import { MediaUploads } from './media-uploads';
import { RetrieveMediaUseCase } from './retrieve-media/retrieve-media.use-case';
import { UploadMediaUseCase } from './upload-media/upload-media.use-case';
import { MediaLinks } from './media-links';
import { MediaReferences } from './media-references';
import { SealedMediaController } from './sealed-media.controller';
import { SealedMediaUrls } from './sealed-media-urls';
import { ServeSealedMediaUseCase } from './serve-sealed/serve-sealed-media.use-case';

/**
 * Media (CONTRACT §12). Its own module, imported after the service core: `GET /{version}/{media_id}`
 * matches any two-segment path, so its routes must come after `/health/*`, which Nest registers
 * module by module in import order.
 */
@Module({
  imports: [BusinessAccessModule, INGESTION_KEYS, MongooseModule.forFeature([{ name: MediaRecord.name, schema: MediaRecordSchema }])],
  controllers: [MediaController, SealedMediaController],
  providers: [
    EndpointPolicy,
    MediaRepository,
    MediaUploads,
    UploadMediaUseCase,
    RetrieveMediaUseCase,
    DownloadMediaUseCase,
    DeleteMediaUseCase,
    ServeSealedMediaUseCase,
    SealedMediaUrls,
    MediaLinks,
    MediaReferences,
    inboundMediaEndpointProvider,
    InboundMediaClient,
  ],
  exports: [MediaRepository, MediaReferences],
})
export class MediaModule {}
