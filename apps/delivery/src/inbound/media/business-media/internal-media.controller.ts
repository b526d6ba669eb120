import type { ServerResponse } from 'node:http';
import { Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InboundMediaView } from '@sealpost/contracts';
import { BusinessInboundMediaUseCase } from './business-inbound-media.use-case';
import { IngestionCallerGuard } from './ingestion-caller.guard';

/**
 * Inbound media as ingestion hands it to businesses (`GET /{version}/{media_id}` and its URL,
 * `DELETE /{version}/{media_id}`): internal, for ingestion's credential alone, and always for the
 * business ingestion authenticated (X-Sealpost-Business).
 */
@ApiExcludeController()
@UseGuards(IngestionCallerGuard)
@Controller('internal/media')
export class InternalMediaController {
  constructor(private readonly media: BusinessInboundMediaUseCase) {}

  @Get(':media_id')
  view(@Headers('x-sealpost-business') businessId: string, @Param('media_id') mediaId: string): Promise<InboundMediaView> {
    return this.media.view(businessId, mediaId);
  }

  @Get(':media_id/content')
  async content(@Headers('x-sealpost-business') businessId: string, @Param('media_id') mediaId: string): Promise<StreamableFile> {
    const media = await this.media.open(businessId, mediaId);
    // cut off mid-stream: end the connection, so the caller sees a short body, not a whole one
    return new StreamableFile(media.content, { type: media.mimeType, length: media.fileSize }).setErrorHandler((_err, res) => (res as unknown as ServerResponse).destroy());
  }

  @Delete(':media_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  delete(@Headers('x-sealpost-business') businessId: string, @Param('media_id') mediaId: string): Promise<void> {
    return this.media.delete(businessId, mediaId);
  }
}
