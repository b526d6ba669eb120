import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '@sealpost/platform';
import type { BusinessRequest } from '../businesses/business-token.guard';
import { DeleteMediaUseCase } from './delete-media/delete-media.use-case';
import { readMediaForm } from './media-form';
import { asMediaApiError } from '@sealpost/platform/media/media-refusal-error';
import { UploadMediaUseCase } from './upload-media/upload-media.use-case';

/** The HTTP side of uploads: the form read as it streams into the use case, its refusals as the Cloud API words them. */
@Injectable()
export class MediaUploads {
  constructor(
    private readonly upload: UploadMediaUseCase,
    private readonly remove: DeleteMediaUseCase,
  ) {}

  async accept(req: BusinessRequest): Promise<{ id: string }> {
    const business = req.business;
    const { result, fields } = await readMediaForm(req, (content, mimeType) => this.upload.execute({ business, content, mimeType })).catch((err: unknown) => {
      throw asMediaApiError(err);
    });
    if (fields.messaging_product !== 'whatsapp') {
      await this.remove.execute(business, result.id);
      throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', 'messaging_product must be "whatsapp"');
    }
    return result;
  }
}
