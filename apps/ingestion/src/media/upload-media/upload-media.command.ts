import type { Readable } from 'node:stream';
import type { Business } from '../../businesses/business.schema';

/** One file to upload: its bytes as they arrive, and the MIME type the upload declares for them. */
export interface UploadMediaCommand {
  business: Business;
  /** read when the first bytes are checked: a `type` field sent after the file part still counts */
  mimeType: () => string;
  content: Readable;
}
