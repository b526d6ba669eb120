import { HttpStatus, Injectable } from '@nestjs/common';
import type { DeviceMedia, MediaMessageType } from '@sealpost/contracts';
import { mediaKeyAad, toBase64url, unwrapKey } from '@sealpost/crypto';
import { DataKeyDestroyedError, KeysClient } from '@sealpost/keys-client';
import { ApiError } from '@sealpost/platform';
import type { Business } from '../businesses/business.schema';
import type { MediaObject } from '../send-message/message-content/media.dto';
import { LINK_TIMEOUT_MS } from './fetch-link';
import { MediaLinks } from './media-links';
import { mediaTypeOf } from '@sealpost/platform/media/media-kinds';
import { MediaRefused } from '@sealpost/platform/media/media-refused';
import { MediaRepository } from './media.repository';
import { SealedMediaUrls } from './sealed-media-urls';
import { UploadMediaUseCase } from './upload-media/upload-media.use-case';

/**
 * Turns a send's media object into what its recipient's device gets: the media's capability URL,
 * its key, hash and type. A `link` is fetched and stored once, now, like an upload; what cannot
 * be sent fails the send at once (MediaRefused 131052 / 131053, or an unknown id).
 */
@Injectable()
export class MediaReferences {
  constructor(
    private readonly media: MediaRepository,
    private readonly keys: KeysClient,
    private readonly upload: UploadMediaUseCase,
    private readonly links: MediaLinks,
    private readonly urls: SealedMediaUrls,
  ) {}

  async resolve(business: Business, type: MediaMessageType, object: MediaObject): Promise<DeviceMedia> {
    const id = object.id ?? (await this.fetched(business, type, object.link!));
    const record = await this.media.find(business.business_id, id);
    if (!record) throw unknownId(type);
    const kind = mediaTypeOf(record.mime_type);
    if (kind !== type) throw new MediaRefused(131053, `${type}: the media is ${record.mime_type}${kind ? `, a ${kind}` : ''}, not a ${type}; send it as its own type`);
    const epochKey = await this.keys.byKeyId(record.key_id).catch((err: unknown) => {
      throw err instanceof DataKeyDestroyedError ? unknownId(type) : err;
    });
    const mediaKey = unwrapKey(epochKey.key, record.wrapped_key, mediaKeyAad(record._id, record.business_id));
    try {
      return {
        url: this.urls.of(record),
        media_key: toBase64url(mediaKey),
        sha256: record.sha256,
        mime_type: record.mime_type,
        file_size: record.file_size,
        ...(object.caption !== undefined && { caption: object.caption }),
        ...(object.filename !== undefined && { filename: object.filename }),
      };
    } finally {
      mediaKey.fill(0);
    }
  }

  /** The link's file stored as an upload of the type the link declared (refused unless a `type`); its media id. */
  private async fetched(business: Business, type: MediaMessageType, link: string): Promise<string> {
    const { content, mimeType } = await this.links.open(link);
    const kind = mediaTypeOf(mimeType);
    if (kind !== type) {
      content.destroy();
      throw new MediaRefused(131053, `${type}.link: the link serves ${mimeType || 'no type'}${kind ? `, a ${kind}` : ''}, not a ${type}; send it as its own type`);
    }
    try {
      return (await this.upload.execute({ business, content, mimeType: () => mimeType })).id;
    } catch (err) {
      if (err instanceof MediaRefused || err instanceof ApiError) throw err;
      // the body stopped coming (its time ran out, or the connection broke)
      throw new MediaRefused(131052, `the media link stopped sending before the whole file came; give a link that serves the file within ${LINK_TIMEOUT_MS / 1000} s, or upload it`);
    }
  }
}

function unknownId(type: string): ApiError {
  return new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', `${type}.id: no media of this business has that id (deleted, or past its retention); upload it again`);
}
