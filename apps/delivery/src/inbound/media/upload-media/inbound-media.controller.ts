import { Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DeviceRequest, DeviceTokenGuard } from '../../../receipts/device-token.guard';
import { UploadInboundMediaUseCase } from './upload-inbound-media.use-case';

/** Customers' devices upload the media they send businesses, encrypted under a key of their own (CONTRACT §12). */
@ApiTags('devices')
@ApiBearerAuth()
@UseGuards(DeviceTokenGuard)
@Controller('v1/media')
export class InboundMediaController {
  constructor(private readonly upload: UploadInboundMediaUseCase) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiConsumes('application/octet-stream')
  @ApiCreatedResponse({ description: '{ "media_id" }: name it in an inbound message with its key' })
  @ApiBadRequestResponse({ description: 'not application/octet-stream (100), larger than the largest media (131052), shorter than an empty file (131053)' })
  @ApiUnauthorizedResponse({ description: 'missing or unknown device token' })
  create(@Req() request: DeviceRequest): Promise<{ media_id: string }> {
    return this.upload.execute({ deviceId: request.deviceId, recipient: request.phonePseudonym, contentType: request.headers['content-type'], content: request });
  }
}
