import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { ServeSealedMediaUseCase } from './serve-sealed/serve-sealed-media.use-case';

/** The capability URL a device's sealed message names (CONTRACT §12): ciphertext, no token. */
@ApiTags('media')
@Controller('v1/media')
export class SealedMediaController {
  constructor(private readonly serve: ServeSealedMediaUseCase) {}

  @Get(':media_id/sealed/:capability')
  async sealed(@Param('media_id') mediaId: string, @Param('capability') capability: string): Promise<StreamableFile> {
    const { content, bytes } = await this.serve.execute(mediaId, capability);
    return new StreamableFile(content, { type: 'application/octet-stream', length: bytes }).setErrorHandler((_err, res) => (res as unknown as ServerResponse).destroy());
  }
}
