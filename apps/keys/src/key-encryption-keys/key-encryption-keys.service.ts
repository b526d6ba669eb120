import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomBytes } from 'node:crypto';
import { Model } from 'mongoose';
import { unwrapKey, wrapKey } from '@sealpost/crypto';
import { ROOT_KEY } from '../root-key/root-key.provider';
import { KeyEncryptionKey } from './key-encryption-key.schema';

export interface UnwrappedKek {
  version: number;
  key: Buffer;
}

const aad = (version: number) => Buffer.from(`sealpost/kek/v${version}`);

/** Versioned KEKs: the newest is active; older ones stay until no live data key is wrapped under them. */
@Injectable()
export class KeyEncryptionKeysService implements OnModuleInit {
  private readonly cache = new Map<number, Buffer>();

  constructor(
    @InjectModel(KeyEncryptionKey.name) private readonly keks: Model<KeyEncryptionKey>,
    @Inject(ROOT_KEY) private readonly rootKey: Buffer,
  ) {}

  async onModuleInit(): Promise<void> {
    if ((await this.keks.countDocuments().exec()) === 0) await this.create(1);
  }

  async active(): Promise<UnwrappedKek> {
    const doc = await this.keks.findOne({ state: 'active' }).sort({ version: -1 }).lean().exec();
    if (!doc) throw new Error('no active key-encryption key');
    return { version: doc.version, key: await this.byVersion(doc.version) };
  }

  /** Read from the store, not the cache: a rotation by another request or instance counts. */
  async isActive(version: number): Promise<boolean> {
    return (await this.keks.exists({ version, state: 'active' }).exec()) !== null;
  }

  async byVersion(version: number): Promise<Buffer> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const doc = await this.keks.findOne({ version }).lean().exec();
    if (!doc) throw new Error(`key-encryption key v${version} is missing`);
    const key = unwrapKey(this.rootKey, doc.wrapped, aad(version));
    this.cache.set(version, key);
    return key;
  }

  /** Creates the next version and makes it the only active one. */
  async rotate(): Promise<UnwrappedKek> {
    const current = await this.active();
    const next = await this.create(current.version + 1);
    await this.keks.updateMany({ version: { $lt: next.version }, state: 'active' }, { $set: { state: 'retired', retired_at: new Date() } }).exec();
    return next;
  }

  async retiredVersions(): Promise<number[]> {
    return (await this.keks.find({ state: 'retired' }, { version: 1 }).lean().exec()).map((k) => k.version);
  }

  /** Deletes a retired KEK for good: with it gone, a backup of the store plus the root key opens nothing it wrapped. */
  async delete(version: number): Promise<boolean> {
    const { deletedCount } = await this.keks.deleteOne({ version, state: 'retired' }).exec();
    this.cache.delete(version);
    return deletedCount === 1;
  }

  private async create(version: number): Promise<UnwrappedKek> {
    const key = randomBytes(32);
    try {
      await this.keks.create({ version, wrapped: wrapKey(this.rootKey, key, aad(version)), state: 'active', created_at: new Date() });
    } catch (err) {
      // another instance created this version first: use theirs
      if ((err as { code?: number }).code !== 11000) throw err;
      return { version, key: await this.byVersion(version) };
    }
    this.cache.set(version, key);
    return { version, key };
  }
}
