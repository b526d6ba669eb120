import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuditTrail } from '@sealpost/kafka';
import { ApiError, KeysCaller } from '@sealpost/platform';
import { DataKey } from '../data-key.schema';
import { KEY_ACCESS } from '../key-access';
import { DataKeyMaterial } from '../data-key-material';
import { DataKeyResponse } from '../issued-data-key.dto';
import { toDataKeyResponse } from '../to-data-key-response';


@Injectable()
export class UnwrapDataKeyUseCase {
  constructor(
    @InjectModel(DataKey.name) private readonly keys: Model<DataKey>,
    private readonly material: DataKeyMaterial,
    private readonly audit: AuditTrail,
  ) {}

  async execute(keyId: string, caller: KeysCaller): Promise<DataKeyResponse> {
    const doc = await this.keys.findOne({ key_id: keyId }).lean().exec();
    if (!doc) throw new ApiError(HttpStatus.NOT_FOUND, 100, 'Unknown data key');
    if (!KEY_ACCESS[doc.kind].unwrap.includes(caller)) {
      await this.audit.record('key.unwrap_denied', { actor: `service:${caller}`, action: 'unwrap-data-key', target: keyId, outcome: 'rejected' }, { businessId: doc.kind === 'recipient' ? undefined : doc.business_id });
      throw new ApiError(HttpStatus.FORBIDDEN, 200, `The ${caller} service may not open ${doc.kind} keys`);
    }
    if (doc.wrapped === null) {
      throw new ApiError(HttpStatus.GONE, 100, 'Data key destroyed', 'the key passed its retention and its material is gone; the ciphertext can no longer be opened');
    }
    return toDataKeyResponse(doc, await this.material.open(doc));
  }
}
