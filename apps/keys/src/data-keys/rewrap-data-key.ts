import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { UnwrappedKek } from '../key-encryption-keys/key-encryption-keys.service';
import { DataKey } from './data-key.schema';
import { DataKeyMaterial } from './data-key-material';

/** Moves one stored data key under another KEK; false when a concurrent rotation or destruction got there first. */
@Injectable()
export class RewrapDataKey {
  constructor(
    @InjectModel(DataKey.name) private readonly keys: Model<DataKey>,
    private readonly material: DataKeyMaterial,
  ) {}

  async execute(doc: Pick<DataKey, 'key_id' | 'business_id' | 'wrapped' | 'version'>, kek: UnwrappedKek): Promise<boolean> {
    const wrapped = await this.material.rewrap(doc, kek);
    const res = await this.keys.updateOne({ key_id: doc.key_id, version: doc.version, wrapped: { $ne: null } }, { $set: { wrapped, version: kek.version } }).exec();
    return res.modifiedCount === 1;
  }
}
