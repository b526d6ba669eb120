import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ErasedNumber } from './erased-number.schema';
import { tombstoneId } from './tombstone-id';

/** The tombstones of erased numbers, by the lookup pseudonym their recipient keys were filed under. */
@Injectable()
export class ErasedNumbers {
  constructor(@InjectModel(ErasedNumber.name) private readonly tombstones: Model<ErasedNumber>) {}

  async has(lookup: string): Promise<boolean> {
    return (await this.tombstones.exists({ _id: tombstoneId(lookup) }).exec()) !== null;
  }

  /** Race-safe: a second insert of the same tombstone is a duplicate key, and changes nothing. */
  async add(lookup: string): Promise<void> {
    try {
      await this.tombstones.create({ _id: tombstoneId(lookup) });
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }
}
