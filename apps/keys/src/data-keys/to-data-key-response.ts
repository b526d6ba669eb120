import { DataKey } from './data-key.schema';
import { DataKeyResponse } from './issued-data-key.dto';

export function toDataKeyResponse(doc: DataKey, key: Buffer): DataKeyResponse {
  return {
    key_id: doc.key_id,
    business_id: doc.business_id,
    kind: doc.kind,
    version: doc.version,
    key: key.toString('base64url'),
    epoch_start: doc.epoch_start.toISOString(),
    epoch_end: doc.epoch_end?.toISOString() ?? null,
    ...(doc.public_key && { public_key: doc.public_key }),
    ...(doc.pseudonym && { pseudonym: doc.pseudonym }),
  };
}
