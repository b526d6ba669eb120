import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiParam, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { BusinessRequest, BusinessTokenGuard } from '../businesses/business-token.guard';
import { GraphVersionPipe } from '../businesses/graph-version';
import { DeleteMediaUseCase } from './delete-media/delete-media.use-case';
import { DownloadMediaUseCase } from './download-media/download-media.use-case';
import { MediaUploads } from './media-uploads';
import { MediaView, RetrieveMediaUseCase } from './retrieve-media/retrieve-media.use-case';

/** Media upload, retrieval, download and deletion in the Cloud API's shapes (CONTRACT §12). */
@ApiTags('media')
@ApiBearerAuth('business')
@UseGuards(BusinessTokenGuard)
@Controller()
export class MediaController {
  constructor(
    private readonly uploads: MediaUploads,
    private readonly retrieve: RetrieveMediaUseCase,
    private readonly download: DownloadMediaUseCase,
    private readonly remove: DeleteMediaUseCase,
  ) {}

  @Post(':version/:phone_number_id/media')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiParam({ name: 'version', example: 'v23.0' })
  upload(@Param('version', GraphVersionPipe) _version: string, @Req() req: BusinessRequest): Promise<{ id: string }> {
    return this.uploads.accept(req);
  }

  /** The URL `GET /{version}/{media_id}` hands out: the plaintext, opened as it streams. */
  @Get('v1/media/:media_id/content')
  async content(@Param('media_id') mediaId: string, @Query() query: { expires?: string; signature?: string }, @Req() req: BusinessRequest): Promise<StreamableFile> {
    const media = await this.download.execute(req.business, mediaId, query);
    // cut off mid-stream: end the connection, so the client sees a short body, not a whole one
    return new StreamableFile(media.content, { type: media.mimeType, length: media.fileSize }).setErrorHandler((_err, res) => (res as unknown as ServerResponse).destroy());
  }

  @Get(':version/:media_id')
  @ApiParam({ name: 'version', example: 'v23.0' })
  view(@Param('version', GraphVersionPipe) _version: string, @Param('media_id') mediaId: string, @Req() req: BusinessRequest): Promise<MediaView> {
    return this.retrieve.execute(req.business, mediaId, `${req.protocol}://${req.get('host')}`);
  }

  @Delete(':version/:media_id')
  @ApiParam({ name: 'version', example: 'v23.0' })
  delete(@Param('version', GraphVersionPipe) _version: string, @Param('media_id') mediaId: string, @Req() req: BusinessRequest): Promise<{ success: true }> {
    return this.remove.execute(req.business, mediaId);
  }
}
