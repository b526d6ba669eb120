import { IsOptional, IsUrl, MaxLength } from 'class-validator';
import { OptionalText } from './field-rules';

/**
 * `image`, `audio`, `video`, `document`, `sticker` (Cloud API): an uploaded media's `id` or a
 * `link` fetched once when the send is accepted (exactly one: see mediaObjectRefusal); a caption
 * where the Cloud API takes one (image, video, document) and a document's filename.
 */
export class MediaObject {
  @OptionalText(1, 64)
  id?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'link must be an http(s) URL' })
  @MaxLength(2048)
  link?: string;

  @OptionalText(1, 1024)
  caption?: string;

  @OptionalText(1, 240)
  filename?: string;
}
