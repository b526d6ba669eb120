import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { BusinessRouting } from '@sealpost/contracts';
import { appSecretAad, decryptEnvelope } from '@sealpost/crypto';
import { KeysClient } from '@sealpost/keys-client';
import { Business } from './business.schema';

/** Business routing as ingestion last announced it, and the app secret opened only to sign. */
@Injectable()
export class BusinessDirectory {
  /** the newest revision this process has stored per business: older or equal ones need no write */
  private readonly stored = new Map<string, number>();

  constructor(
    @InjectModel(Business.name) private readonly businesses: Model<Business>,
    private readonly keys: KeysClient,
  ) {}

  /**
   * Keeps the highest revision without transactions: the filter only matches an older
   * revision, and when the business is already stored with a newer or equal one the upsert's
   * insert collides with the unique business_id, which means there is nothing to do.
   */
  async remember(businessId: string, routing: BusinessRouting): Promise<void> {
    if ((this.stored.get(businessId) ?? 0) >= routing.revision) return;
    try {
      await this.businesses
        .updateOne(
          { business_id: businessId, revision: { $lt: routing.revision } },
          { $set: { phone_number_id: routing.phone_number_id, webhook_url: routing.webhook_url, app_secret: routing.app_secret, revision: routing.revision, updated_at: new Date() } },
          { upsert: true },
        )
        .exec();
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    this.stored.set(businessId, routing.revision);
  }

  find(businessId: string): Promise<Business | null> {
    return this.businesses.findOne({ business_id: businessId }).lean().exec();
  }

  findByPhoneNumberId(phoneNumberId: string): Promise<Business | null> {
    return this.businesses.findOne({ phone_number_id: phoneNumberId }).lean().exec();
  }

  /** Throws DataKeyDestroyedError when the business-secret key is gone; other errors are transient. */
  async appSecret(business: Pick<Business, 'business_id' | 'app_secret'>): Promise<Buffer> {
    const key = await this.keys.byKeyId(business.app_secret.key_id);
    return decryptEnvelope(key.key, business.app_secret, appSecretAad(business.business_id));
  }
}
